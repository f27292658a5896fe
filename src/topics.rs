//! Help topics for `net help TOPIC`: the ideas that several commands share.

/// A topic: its name, one line on what it covers, and its text.
pub struct Topic {
    pub name: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
}

/// Every topic, in the order `net help` lists them.
pub const TOPICS: &[Topic] = &[
    Topic {
        name: "names",
        summary: "how to name a contact: prefixes, accents, aliases, #ID",
        text: include_str!("topics/names.txt"),
    },
    Topic {
        name: "dates",
        summary: "2026-03-14, last friday, in 2 weeks; birthdays",
        text: include_str!("topics/dates.txt"),
    },
    Topic {
        name: "durations",
        summary: "45m, 1h30m: time spent, and each kind's usual length",
        text: include_str!("topics/durations.txt"),
    },
    Topic {
        name: "intervals",
        summary: "2w, 2mo, quarterly: how often",
        text: include_str!("topics/intervals.txt"),
    },
    Topic {
        name: "cadence",
        summary: "ok, soon, due, cold: how net decides who is due, and the ranking",
        text: include_str!("topics/cadence.txt"),
    },
    Topic {
        name: "budget",
        summary: "ten percent of your working time, and today's share",
        text: include_str!("topics/budget.txt"),
    },
    Topic {
        name: "scripts",
        summary: "--quiet, --format short, --json, exit codes, colour, environment",
        text: include_str!("topics/scripts.txt"),
    },
];

/// The topic called `name` (case does not matter; a plural or singular will do).
pub fn find(name: &str) -> Option<&'static Topic> {
    let name = name.trim().to_lowercase();
    TOPICS
        .iter()
        .find(|t| t.name == name || t.name.trim_end_matches('s') == name.trim_end_matches('s'))
}
