use std::fmt;

/// Time spent, in whole minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub u32);

impl fmt::Display for Minutes {
    /// `45m`, `2h`, `1h30`: short enough for a table column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = (self.0 / 60, self.0 % 60);
        match (h, m) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_compactly() {
        assert_eq!(Minutes(45).to_string(), "45m");
        assert_eq!(Minutes(120).to_string(), "2h");
        assert_eq!(Minutes(105).to_string(), "1h45");
    }
}
