//! Configuration: the commented default shipped in the binary, the user's
//! `config.toml` on top, and where the files live.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::in_file;
use crate::model::{Cadence, Interval, Period, Thresholds};
use crate::parse;
use anyhow::bail;
use chrono::Weekday;

/// The commented default configuration, printed by `net config --default`.
pub const DEFAULT_TOML: &str = include_str!("default_config.toml");

/// Settings as written in `config.toml`. Every key is optional.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Cadence given to a contact added with `net add` ("never" for none).
    pub default_every: String,
    /// A contact without a cadence that still matters (it has a why or an
    /// important tag) shows in `net due` after this much silence ("never": not at all).
    pub watch_after: String,
    /// Tags that mark a contact as important: they rank higher in `net due`.
    pub important_tags: Vec<String>,
    /// How many rows `net due` shows without `--all`.
    pub due_limit: usize,
    /// More nurtured contacts than this draws a warning (Dunbar's ~150).
    pub max_nurtured: u32,
    /// How many write commands `net undo` can walk back.
    pub undo_keep: usize,
    /// Your working week, in hours.
    pub work_hours_per_week: f64,
    /// The share of it for networking (seed 000 §3: ten percent).
    pub budget_percent: f64,
    /// Whether the budget is counted per `week` or per `month`.
    pub budget_period: String,
    /// The days you work, for spreading the budget: mon, tue, wed, thu, fri, sat, sun.
    pub work_days: Vec<String>,
    /// How many days ahead `net due` lists birthdays.
    pub birthday_days_ahead: u32,
    /// Kinds of interaction and the minutes each takes when `--for` is not given.
    pub kinds: BTreeMap<String, u32>,
    /// Hours together at which a relationship reaches each tier (seed 002).
    pub depth: DepthConfig,
    /// `[me]`: who you are, for `net capture`.
    pub me: MeConfig,
    /// `[capture]`: how `net capture` reads calendars and mail.
    pub capture: CaptureConfig,
    /// `net sync`: the server and the collections (`net sync setup` writes it).
    pub sync: SyncConfig,
}

/// `[me]`: your own addresses (never a contact; mail from them is "you reached out").
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeConfig {
    pub emails: Vec<String>,
}

/// `[capture]`: the settings of `net capture`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CaptureConfig {
    /// Mail to more people than this (To and Cc) is not proposed.
    pub max_recipients: usize,
    /// Minutes of a captured mail thread.
    pub mail_minutes: u32,
    /// The zone your days are counted in ("Europe/Berlin"); empty: the TZ
    /// environment variable, else UTC.
    pub time_zone: String,
    /// A word of an event's summary (its start) and the kind it stands for.
    pub kind_words: BTreeMap<String, String>,
}

impl Default for CaptureConfig {
    fn default() -> Self {
        let r = crate::formats::capture::rules::Settings::default();
        CaptureConfig {
            max_recipients: r.max_recipients,
            mail_minutes: r.mail_minutes,
            time_zone: String::new(),
            kind_words: r.kind_words.into_iter().collect(),
        }
    }
}

/// `[sync]`: where `net sync` syncs to. The password is never stored here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SyncConfig {
    /// The server's URL; empty: not set up.
    pub url: String,
    pub user: String,
    /// A command that prints the password (`pass show dav`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// The CA (PEM) of a self-signed server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// The collections' paths on the server, by what they hold: contacts,
    /// log, promises, checkins.
    pub collections: BTreeMap<String, String>,
}

/// `[depth]`: hours at which each tier begins.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DepthConfig {
    pub casual_friend: f64,
    pub friend: f64,
    pub close_friend: f64,
}

impl Default for DepthConfig {
    fn default() -> Self {
        let t = Thresholds::default();
        DepthConfig {
            casual_friend: t.casual_friend,
            friend: t.friend,
            close_friend: t.close_friend,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        let kinds = [
            ("coffee", 45),
            ("call", 20),
            ("meeting", 60),
            ("lunch", 75),
            ("message", 5),
            ("email", 10),
            ("event", 120),
            ("intro", 15),
            ("gift", 15),
            ("note", 0),
        ];
        Config {
            default_every: "2mo".into(),
            watch_after: "6mo".into(),
            important_tags: ["client", "referrer", "expert", "mentor", "partner"]
                .map(String::from)
                .to_vec(),
            due_limit: 20,
            max_nurtured: 150,
            undo_keep: 20,
            work_hours_per_week: 40.0,
            budget_percent: 10.0,
            budget_period: "week".into(),
            work_days: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            birthday_days_ahead: 7,
            kinds: kinds.iter().map(|(k, m)| (k.to_string(), *m)).collect(),
            depth: DepthConfig::default(),
            me: MeConfig::default(),
            capture: CaptureConfig::default(),
            sync: SyncConfig::default(),
        }
    }
}

/// A configuration whose values have been checked and parsed.
#[derive(Debug, Clone)]
pub struct Settings {
    pub raw: Config,
    pub default_every: Cadence,
    pub watch_after: Option<Interval>,
    pub work_days: Vec<Weekday>,
    pub thresholds: Thresholds,
    /// Where it was read from, and whether that file exists.
    pub path: PathBuf,
    pub file_exists: bool,
    /// The keys the file sets, dotted for tables (`due_limit`, `kinds.walk`);
    /// every other value is a default.
    pub from_file: BTreeSet<String>,
}

impl Settings {
    /// Reads the config at `path` (defaults when it does not exist) and checks every value.
    pub fn load(path: &Path) -> Result<Settings> {
        let text = crate::files::read_bounded(path, crate::files::CONFIG_LIMIT)
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        match text {
            Ok(text) => Settings::from_text(&text, path)
                .map_err(|e| crate::error::config(crate::error::one_line(&e))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Settings::defaults(path.to_path_buf())
            }
            Err(e) => Err(e).with_context(|| format!("reading config {}", path.display())),
        }
    }

    /// Checks the text of a config file as if it were read from `path`.
    pub fn from_text(text: &str, path: &Path) -> Result<Settings> {
        let raw = parse_toml(text, path)?;
        let mut settings = Settings::from_raw(raw, path.to_path_buf(), true)?;
        let user: toml::Table = toml::from_str(text).unwrap_or_default();
        for (key, value) in &user {
            match value.as_table() {
                Some(table) => settings
                    .from_file
                    .extend(table.keys().map(|k| format!("{key}.{k}"))),
                None => {
                    settings.from_file.insert(key.clone());
                }
            }
        }
        Ok(settings)
    }

    /// The defaults, as if `path` did not exist.
    pub fn defaults(path: PathBuf) -> Result<Settings> {
        Settings::from_raw(Config::default(), path, false)
    }

    fn from_raw(raw: Config, path: PathBuf, file_exists: bool) -> Result<Settings> {
        let at = |key: &str| format!("config {}: {key}", path.display());
        let default_every = parse::cadence(&raw.default_every)
            .map_err(in_file)
            .with_context(|| at("default_every"))?;
        let watch_after = parse::cadence(&raw.watch_after)
            .map_err(in_file)
            .with_context(|| at("watch_after"))?
            .interval();
        for (kind, minutes) in &raw.kinds {
            if kind.trim().is_empty() || kind.contains(char::is_whitespace) {
                anyhow::bail!("{}: kind names are single words, not {kind:?}", at("kinds"));
            }
            if u64::from(*minutes) > parse::MAX_MINUTES {
                bail!(
                    "{}: {kind} = {minutes} is more than a day: give minutes from 0 to {}",
                    at("kinds"),
                    parse::MAX_MINUTES
                );
            }
        }
        if !(raw.work_hours_per_week > 0.0 && raw.work_hours_per_week <= 168.0) {
            bail!(
                "{}: give hours from 1 to 168, not {}",
                at("work_hours_per_week"),
                raw.work_hours_per_week
            );
        }
        if !(0.0..=100.0).contains(&raw.budget_percent) {
            bail!(
                "{}: give a percentage from 0 to 100, not {}",
                at("budget_percent"),
                raw.budget_percent
            );
        }
        if raw.budget_period != "week" && raw.budget_period != "month" {
            bail!(
                "{}: use \"week\" or \"month\", not {:?}",
                at("budget_period"),
                raw.budget_period
            );
        }
        let mut work_days = Vec::new();
        for day in &raw.work_days {
            let parsed = day.parse::<Weekday>().map_err(|_| {
                anyhow::anyhow!(
                    "{}: {day:?} is not a day (mon, tue, …, sun)",
                    at("work_days")
                )
            })?;
            work_days.push(parsed);
        }
        if work_days.is_empty() {
            bail!("{}: name at least one day", at("work_days"));
        }
        let d = &raw.depth;
        if !(d.casual_friend > 0.0 && d.casual_friend < d.friend && d.friend < d.close_friend) {
            bail!(
                "{}: hours must grow: casual_friend < friend < close_friend",
                at("depth")
            );
        }
        let tz = raw.capture.time_zone.trim();
        if !tz.is_empty() && tz.parse::<calcard::common::timezone::Tz>().is_err() {
            bail!(
                "{}: {tz:?} is not a time zone (use a name such as \"Europe/Berlin\" or \"UTC\")",
                at("capture.time_zone")
            );
        }
        let thresholds = Thresholds {
            casual_friend: d.casual_friend,
            friend: d.friend,
            close_friend: d.close_friend,
        };
        Ok(Settings {
            raw,
            default_every,
            watch_after,
            work_days,
            thresholds,
            path,
            file_exists,
            from_file: BTreeSet::new(),
        })
    }

    /// The config part of the policy: what decides cadences, weights and
    /// derived values besides the tag rules, which live in the database.
    pub fn policy(&self) -> crate::model::Policy {
        crate::model::Policy {
            rules: Vec::new(),
            default_every: self.default_every.interval(),
            watch_after: self.watch_after,
            important_tags: self.raw.important_tags.clone(),
            kind_minutes: self.raw.kinds.clone(),
        }
    }

    /// The estimated minutes of a kind, if the kind is known.
    pub fn kind_minutes(&self, kind: &str) -> Option<u32> {
        self.raw.kinds.get(kind).copied()
    }

    /// The networking budget per period, in minutes.
    pub fn budget_minutes(&self, period: Period) -> u32 {
        let week = self.raw.work_hours_per_week * 60.0 * self.raw.budget_percent / 100.0;
        let minutes = match period {
            Period::Week => week,
            // 52 weeks over 12 months.
            Period::Month => week * 52.0 / 12.0,
        };
        minutes.round() as u32
    }

    /// The period the budget is counted in.
    pub fn budget_period(&self) -> Period {
        if self.raw.budget_period == "month" {
            Period::Month
        } else {
            Period::Week
        }
    }

    /// The known kinds, comma-separated, for error messages.
    pub fn kind_list(&self) -> String {
        self.raw
            .kinds
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn parse_toml(text: &str, path: &Path) -> Result<Config> {
    // User kinds extend the defaults rather than replacing the whole table.
    let mut config: Config = toml::from_str(text).map_err(|e| {
        // serde speaks Rust ("expected u32"); say it in a person's words.
        let mut msg = e.message().trim().replace('\n', " ");
        for (rust, words) in [
            ("expected f64", "expected a number"),
            ("expected u32", "expected a whole number, 0 or more"),
            ("expected u64", "expected a whole number, 0 or more"),
            ("expected usize", "expected a whole number, 0 or more"),
            (
                "expected a sequence",
                "expected a list such as [\"a\", \"b\"]",
            ),
            ("expected a string", "expected text in quotes"),
        ] {
            msg = msg.replace(rust, words);
        }
        // Say where: the line number and the line itself.
        let place = e
            .span()
            .map(|span| {
                let line_no = text[..span.start.min(text.len())].matches('\n').count() + 1;
                let line = text.lines().nth(line_no - 1).unwrap_or("").trim();
                format!(", line {line_no} ({line})")
            })
            .unwrap_or_default();
        anyhow::anyhow!(
            "config {}{place}: {msg} (see `net config --default` for every key)",
            path.display()
        )
    })?;
    let user: toml::Table = toml::from_str(text).unwrap_or_default();
    if user.contains_key("kinds") {
        let mut kinds = Config::default().kinds;
        kinds.extend(std::mem::take(&mut config.kinds));
        config.kinds = kinds;
    }
    Ok(config)
}

/// Where the database lives: `--db`, else `NET_DB` (clap fills both into `flag`),
/// else the platform data dir.
pub fn db_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    match flag {
        Some(p) => Ok(p),
        None => Ok(strategy()?.data_dir().join("net.db")),
    }
}

/// Where the config lives: `--config`, else `NET_CONFIG`, else the platform config dir.
pub fn config_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    match flag {
        Some(p) => Ok(p),
        None => Ok(strategy()?.config_dir().join("config.toml")),
    }
}

use etcetera::AppStrategy;

fn strategy() -> Result<impl etcetera::AppStrategy> {
    use etcetera::AppStrategyArgs;
    etcetera::choose_app_strategy(AppStrategyArgs {
        top_level_domain: "org".into(),
        author: "net".into(),
        app_name: "net".into(),
    })
    .context("finding your home directory (set NET_DB and NET_CONFIG to choose paths)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_file_matches_the_defaults() {
        let from_file: Config = toml::from_str(DEFAULT_TOML).unwrap();
        let from_code = Config::default();
        assert_eq!(
            toml::to_string(&from_file).unwrap(),
            toml::to_string(&from_code).unwrap()
        );
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse_toml("defualt_every = \"1mo\"", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("defualt_every"), "{err}");
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_line() {
        let err = parse_toml("\ndue_limit = \"x\"\n", Path::new("c.toml")).unwrap_err();
        assert!(
            err.to_string().contains("line 2 (due_limit = \"x\")"),
            "{err}"
        );
    }

    #[test]
    fn bad_value_names_the_key() {
        let raw: Config = toml::from_str("default_every = \"2m\"").unwrap();
        let err = Settings::from_raw(raw, "c.toml".into(), true).unwrap_err();
        assert!(format!("{err:#}").contains("default_every"), "{err:#}");
    }

    #[test]
    fn keys_set_in_the_file_are_known() {
        let s = Settings::from_text("due_limit = 5\n[kinds]\nwalk = 60\n", Path::new("c.toml"))
            .unwrap();
        let keys: Vec<&str> = s.from_file.iter().map(String::as_str).collect();
        assert_eq!(keys, ["due_limit", "kinds.walk"]);
    }

    #[test]
    fn user_kinds_extend_the_defaults() {
        let c = parse_toml("[kinds]\nwalk = 60\n", Path::new("c.toml")).unwrap();
        assert_eq!(c.kinds.get("walk"), Some(&60));
        assert_eq!(c.kinds.get("coffee"), Some(&45));
    }
}
