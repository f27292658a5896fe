use serde::Serialize;
use std::fmt;

/// Depth of a relationship by hours spent together (seed 002: about 50 hours
/// make a casual friend, 90 a friend, 200 a close friend).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Acquaintance,
    CasualFriend,
    Friend,
    CloseFriend,
}

/// Hours at which each tier begins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub casual_friend: f64,
    pub friend: f64,
    pub close_friend: f64,
}

impl Tier {
    /// The tier reached after `minutes` together.
    pub fn of(minutes: u64, t: &Thresholds) -> Tier {
        let hours = minutes as f64 / 60.0;
        if hours >= t.close_friend {
            Tier::CloseFriend
        } else if hours >= t.friend {
            Tier::Friend
        } else if hours >= t.casual_friend {
            Tier::CasualFriend
        } else {
            Tier::Acquaintance
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Acquaintance => "acquaintance",
            Tier::CasualFriend => "casual friend",
            Tier::Friend => "friend",
            Tier::CloseFriend => "close friend",
        }
    }

    /// Parses `acquaintance`, `casual`, `casual-friend`, `friend`, `close`, `close-friend`.
    pub fn parse(s: &str) -> Option<Tier> {
        match s.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "acquaintance" => Some(Tier::Acquaintance),
            "casual" | "casual-friend" => Some(Tier::CasualFriend),
            "friend" => Some(Tier::Friend),
            "close" | "close-friend" => Some(Tier::CloseFriend),
            _ => None,
        }
    }

    /// The depth range of this tier, in minutes: from its threshold to the next one.
    pub fn minutes_range(self, t: &Thresholds) -> (u64, Option<u64>) {
        let m = |h: f64| (h * 60.0) as u64;
        match self {
            Tier::Acquaintance => (0, Some(m(t.casual_friend))),
            Tier::CasualFriend => (m(t.casual_friend), Some(m(t.friend))),
            Tier::Friend => (m(t.friend), Some(m(t.close_friend))),
            Tier::CloseFriend => (m(t.close_friend), None),
        }
    }

    /// Hours still missing to the next tier, if there is one.
    pub fn hours_to_next(minutes: u64, t: &Thresholds) -> Option<(Tier, f64)> {
        let hours = minutes as f64 / 60.0;
        [
            (Tier::CasualFriend, t.casual_friend),
            (Tier::Friend, t.friend),
            (Tier::CloseFriend, t.close_friend),
        ]
        .into_iter()
        .find(|(_, at)| hours < *at)
        .map(|(tier, at)| (tier, at - hours))
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_the_hours_of_the_study() {
        // The hours of the study (the shipped `[depth]`).
        let t = Thresholds {
            casual_friend: 50.0,
            friend: 90.0,
            close_friend: 200.0,
        };
        assert_eq!(Tier::of(49 * 60, &t), Tier::Acquaintance);
        assert_eq!(Tier::of(50 * 60, &t), Tier::CasualFriend);
        assert_eq!(Tier::of(90 * 60, &t), Tier::Friend);
        assert_eq!(Tier::of(200 * 60, &t), Tier::CloseFriend);
        assert_eq!(Tier::hours_to_next(80 * 60, &t), Some((Tier::Friend, 10.0)));
        assert_eq!(Tier::hours_to_next(300 * 60, &t), None);
    }
}
