//! Configuration: the commented default shipped in the binary, the user's
//! `config.toml` on top, and where the files live.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::{Cadence, Interval, Period, Thresholds};
use crate::parse;
use calcard::common::timezone::Tz;
use chrono::Weekday;

/// The commented default configuration, printed by `net config --default`.
/// It is also the only place the defaults are written: every key a user's file
/// leaves out takes its value from this file, parsed once.
pub const DEFAULT_TOML: &str = include_str!("default_config.toml");

/// The configuration, typed: every value is parsed and checked when the file
/// is read (a bad value stops there, naming its key), and every key the file
/// leaves out comes from [`DEFAULT_TOML`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Cadence given to a contact added with `net add` (never: none).
    #[serde(default = "shipped::default_every", with = "text::cadence")]
    pub default_every: Cadence,
    /// A contact without a cadence that still matters (it has a why or an
    /// important tag) shows in `net due` after this much silence (None: not at all).
    #[serde(default = "shipped::watch_after", with = "text::maybe_interval")]
    pub watch_after: Option<Interval>,
    /// Tags that mark a contact as important: they rank higher in `net due`.
    #[serde(default = "shipped::important_tags")]
    pub important_tags: Vec<String>,
    /// How many rows `net due` shows without `--all`.
    #[serde(default = "shipped::due_limit")]
    pub due_limit: usize,
    /// More nurtured contacts than this draws a warning (Dunbar's ~150).
    #[serde(default = "shipped::max_nurtured")]
    pub max_nurtured: u32,
    /// How many write commands `net undo` can walk back.
    #[serde(default = "shipped::undo_keep")]
    pub undo_keep: usize,
    /// Your working week, in hours (more than 0, at most 168).
    #[serde(default = "shipped::work_hours_per_week", with = "text::week_hours")]
    pub work_hours_per_week: f64,
    /// The share of it for networking (seed 000 §3: ten percent), 0 to 100.
    #[serde(default = "shipped::budget_percent", with = "text::percent")]
    pub budget_percent: f64,
    /// Whether the budget is counted per week or per month.
    #[serde(default = "shipped::budget_period", with = "text::period")]
    pub budget_period: Period,
    /// The days you work, for spreading the budget (at least one).
    #[serde(default = "shipped::work_days", with = "text::weekdays")]
    pub work_days: Vec<Weekday>,
    /// How many days ahead `net due` lists birthdays.
    #[serde(default = "shipped::birthday_days_ahead")]
    pub birthday_days_ahead: u32,
    /// Kinds of interaction and the minutes each takes when `--for` is not
    /// given; a user's `[kinds]` adds to the shipped ones.
    #[serde(default = "shipped::kinds", with = "text::kinds")]
    pub kinds: BTreeMap<String, u32>,
    /// `[depth]`: hours together at which a relationship reaches each tier (seed 002).
    #[serde(
        rename = "depth",
        default = "shipped::thresholds",
        with = "text::depth"
    )]
    pub thresholds: Thresholds,
    /// `[me]`: who you are, for `net capture`.
    #[serde(default = "shipped::me")]
    pub me: MeConfig,
    /// `[capture]`: how `net capture` reads calendars and mail.
    #[serde(default = "shipped::capture")]
    pub capture: CaptureConfig,
    /// `net sync`: the server and the collections (`net sync setup` writes it).
    #[serde(default)]
    pub sync: SyncConfig,
}

/// `[me]`: your own addresses (never a contact; mail from them is "you reached out").
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeConfig {
    #[serde(default = "shipped::me_emails")]
    pub emails: Vec<String>,
}

/// `[capture]`: the settings of `net capture`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaptureConfig {
    /// Mail to more people than this (To and Cc) is not proposed.
    #[serde(default = "shipped::max_recipients")]
    pub max_recipients: usize,
    /// Minutes of a captured mail thread.
    #[serde(default = "shipped::mail_minutes")]
    pub mail_minutes: u32,
    /// The zone your days are counted in ("Europe/Berlin"); None (empty in
    /// the file): the TZ environment variable, else UTC.
    #[serde(default = "shipped::time_zone", with = "text::zone")]
    pub time_zone: Option<Tz>,
    /// A word of an event's summary (its start) and the kind it stands for.
    #[serde(default = "shipped::kind_words")]
    pub kind_words: BTreeMap<String, String>,
}

/// `[sync]`: where `net sync` syncs to. The password is never stored here.
/// Not set up by default: every field starts empty.
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

impl Default for Config {
    /// The shipped defaults: [`DEFAULT_TOML`], parsed.
    fn default() -> Self {
        shipped::config().clone()
    }
}

/// The defaults, read from [`DEFAULT_TOML`] the first time one is needed.
mod shipped {
    use super::*;
    use std::cell::Cell;
    use std::sync::OnceLock;

    thread_local! {
        static PARSING: Cell<bool> = const { Cell::new(false) };
    }

    pub(super) fn config() -> &'static Config {
        static SHIPPED: OnceLock<Config> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            PARSING.with(|p| p.set(true));
            let config = toml::from_str(DEFAULT_TOML)
                .unwrap_or_else(|e| panic!("src/default_config.toml does not parse: {e}"));
            PARSING.with(|p| p.set(false));
            config
        })
    }

    /// Whether the shipped file itself is being read (its `[kinds]` and
    /// `[depth]` are complete, not additions).
    pub(super) fn parsing() -> bool {
        PARSING.with(Cell::get)
    }

    /// A value of the shipped file; a key missing from the file itself is a
    /// bug of the build (the unit tests catch it), not a user's mistake.
    fn value<T>(key: &str, get: impl FnOnce(&Config) -> T) -> T {
        if PARSING.with(Cell::get) {
            panic!("src/default_config.toml lacks `{key}`: every key has its default there");
        }
        get(config())
    }

    macro_rules! defaults {
        ($($name:ident: $ty:ty = $($field:ident).+;)*) => {
            $(pub(super) fn $name() -> $ty {
                value(stringify!($($field).+), |c| c.$($field).+.clone())
            })*
        };
    }

    defaults! {
        default_every: Cadence = default_every;
        watch_after: Option<Interval> = watch_after;
        important_tags: Vec<String> = important_tags;
        due_limit: usize = due_limit;
        max_nurtured: u32 = max_nurtured;
        undo_keep: usize = undo_keep;
        work_hours_per_week: f64 = work_hours_per_week;
        budget_percent: f64 = budget_percent;
        budget_period: Period = budget_period;
        work_days: Vec<Weekday> = work_days;
        birthday_days_ahead: u32 = birthday_days_ahead;
        kinds: BTreeMap<String, u32> = kinds;
        thresholds: Thresholds = thresholds;
        me: MeConfig = me;
        me_emails: Vec<String> = me.emails;
        capture: CaptureConfig = capture;
        max_recipients: usize = capture.max_recipients;
        mail_minutes: u32 = capture.mail_minutes;
        time_zone: Option<Tz> = capture.time_zone;
        kind_words: BTreeMap<String, String> = capture.kind_words;
    }
}

/// How each typed value is read from and written back to its text. A
/// function's error is a person's sentence; the loader puts the key before it.
mod text {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};

    fn read<'de, D: Deserializer<'de>, T, R>(
        d: D,
        parse: impl FnOnce(T) -> Result<R, String>,
    ) -> Result<R, D::Error>
    where
        T: Deserialize<'de>,
    {
        parse(T::deserialize(d)?).map_err(D::Error::custom)
    }

    pub mod cadence {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Cadence, D::Error> {
            read(d, |t: String| parse::cadence(&t).map_err(|e| e.to_string()))
        }
        pub fn serialize<S: Serializer>(c: &Cadence, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&c.short())
        }
    }

    pub mod maybe_interval {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Interval>, D::Error> {
            read(d, |t: String| {
                parse::cadence(&t)
                    .map(|c| c.interval())
                    .map_err(|e| e.to_string())
            })
        }
        pub fn serialize<S: Serializer>(i: &Option<Interval>, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&i.map_or_else(|| "never".to_string(), |i| i.short()))
        }
    }

    /// A number within bounds, written as given.
    fn bounded<'de, D: Deserializer<'de>>(
        d: D,
        ok: impl Fn(f64) -> bool,
        give: &str,
    ) -> Result<f64, D::Error> {
        read(d, |n: f64| {
            if ok(n) {
                Ok(n)
            } else {
                Err(format!("give {give}, not {n}"))
            }
        })
    }

    pub mod week_hours {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
            bounded(d, |n| n > 0.0 && n <= 168.0, "hours from 1 to 168")
        }
        pub fn serialize<S: Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(*n)
        }
    }

    pub mod percent {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
            bounded(
                d,
                |n| (0.0..=100.0).contains(&n),
                "a percentage from 0 to 100",
            )
        }
        pub fn serialize<S: Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_f64(*n)
        }
    }

    pub mod period {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
            read(d, |t: String| match t.as_str() {
                "week" => Ok(Period::Week),
                "month" => Ok(Period::Month),
                _ => Err(format!("use \"week\" or \"month\", not {t:?}")),
            })
        }
        pub fn serialize<S: Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
            p.serialize(s)
        }
    }

    pub mod weekdays {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weekday>, D::Error> {
            read(d, |days: Vec<String>| {
                let parsed = days
                    .iter()
                    .map(|day| {
                        day.parse::<Weekday>()
                            .map_err(|_| format!("{day:?} is not a day (mon, tue, …, sun)"))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if parsed.is_empty() {
                    return Err("name at least one day".into());
                }
                Ok(parsed)
            })
        }
        pub fn serialize<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
            let names: Vec<String> = days.iter().map(|d| d.to_string().to_lowercase()).collect();
            names.serialize(s)
        }
    }

    pub mod kinds {
        use super::*;
        /// A user's `[kinds]` adds to (or changes) the shipped kinds.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<BTreeMap<String, u32>, D::Error> {
            let shipping = super::super::shipped::parsing();
            read(d, |given: BTreeMap<String, u32>| {
                let mut lower = BTreeMap::new();
                for (kind, minutes) in &given {
                    if kind.trim().is_empty() || kind.contains(char::is_whitespace) {
                        return Err(format!("kind names are single words, not {kind:?}"));
                    }
                    // As typed after `net log`, where case does not matter.
                    let kind = kind.to_lowercase();
                    if kind == "edit" || kind == "rm" {
                        return Err(format!(
                            "{kind} is taken by `net log {kind}`: call the kind something else"
                        ));
                    }
                    if u64::from(*minutes) > parse::MAX_MINUTES {
                        return Err(format!(
                            "{kind} = {minutes} is more than a day: give minutes from 0 to {}",
                            parse::MAX_MINUTES
                        ));
                    }
                    lower.insert(kind, *minutes);
                }
                let given = lower;
                let mut kinds = if shipping {
                    BTreeMap::new()
                } else {
                    super::super::shipped::kinds()
                };
                kinds.extend(given);
                Ok(kinds)
            })
        }
        pub fn serialize<S: Serializer>(
            k: &BTreeMap<String, u32>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            k.serialize(s)
        }
    }

    /// `[depth]` as written: hours at which each tier begins.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Depth {
        casual_friend: Option<f64>,
        friend: Option<f64>,
        close_friend: Option<f64>,
    }

    pub mod depth {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Thresholds, D::Error> {
            let shipping = super::super::shipped::parsing();
            read(d, |given: Depth| {
                let or = |v: Option<f64>, get: fn(&Thresholds) -> f64| match v {
                    Some(v) => Ok(v),
                    None if shipping => Err("the shipped [depth] names every tier".to_string()),
                    None => Ok(get(&super::super::shipped::thresholds())),
                };
                let t = Thresholds {
                    casual_friend: or(given.casual_friend, |t| t.casual_friend)?,
                    friend: or(given.friend, |t| t.friend)?,
                    close_friend: or(given.close_friend, |t| t.close_friend)?,
                };
                if t.casual_friend > 0.0 && t.casual_friend < t.friend && t.friend < t.close_friend
                {
                    Ok(t)
                } else {
                    Err("hours must grow: casual_friend < friend < close_friend".into())
                }
            })
        }
        pub fn serialize<S: Serializer>(t: &Thresholds, s: S) -> Result<S::Ok, S::Error> {
            Depth {
                casual_friend: Some(t.casual_friend),
                friend: Some(t.friend),
                close_friend: Some(t.close_friend),
            }
            .serialize(s)
        }
    }

    pub mod zone {
        use super::*;
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
            read(d, |t: String| {
                let t = t.trim();
                if t.is_empty() {
                    return Ok(None);
                }
                t.parse::<Tz>().map(Some).map_err(|_| {
                    format!("{t:?} is not a time zone (use a name such as \"Europe/Berlin\" or \"UTC\")")
                })
            })
        }
        pub fn serialize<S: Serializer>(z: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&z.map(|z| z.to_string()).unwrap_or_default())
        }
    }
}

/// A loaded configuration: the typed values (through `Deref`, as
/// `settings.due_limit`) and where they came from.
#[derive(Debug, Clone)]
pub struct Settings {
    config: Config,
    /// Where it was read from, and whether that file exists.
    pub path: PathBuf,
    pub file_exists: bool,
    /// The keys the file sets, dotted for tables (`due_limit`, `kinds.walk`);
    /// every other value is a default.
    pub from_file: BTreeSet<String>,
}

impl std::ops::Deref for Settings {
    type Target = Config;
    fn deref(&self) -> &Config {
        &self.config
    }
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
                Ok(Settings::defaults(path.to_path_buf()))
            }
            Err(e) => Err(e).with_context(|| format!("reading config {}", path.display())),
        }
    }

    /// Checks the text of a config file as if it were read from `path`.
    pub fn from_text(text: &str, path: &Path) -> Result<Settings> {
        let (config, user) = parse_toml(text, path)?;
        let mut from_file = BTreeSet::new();
        for (key, value) in &user {
            match value.as_table() {
                Some(table) => from_file.extend(table.keys().map(|k| format!("{key}.{k}"))),
                None => {
                    from_file.insert(key.clone());
                }
            }
        }
        Ok(Settings {
            config,
            path: path.to_path_buf(),
            file_exists: true,
            from_file,
        })
    }

    /// The defaults, as if `path` did not exist.
    pub fn defaults(path: PathBuf) -> Settings {
        Settings {
            config: Config::default(),
            path,
            file_exists: false,
            from_file: BTreeSet::new(),
        }
    }

    /// The values, for `net config` to print.
    pub fn values(&self) -> &Config {
        &self.config
    }

    /// The config part of the policy: what decides cadences, weights and
    /// derived values besides the tag rules, which live in the database.
    pub fn policy(&self) -> crate::model::Policy {
        crate::model::Policy {
            rules: Vec::new(),
            default_every: self.default_every.interval(),
            watch_after: self.watch_after,
            important_tags: self.important_tags.clone(),
            kind_minutes: self.kinds.clone(),
        }
    }

    /// The estimated minutes of a kind, if the kind is known.
    pub fn kind_minutes(&self, kind: &str) -> Option<u32> {
        self.kinds.get(kind).copied()
    }

    /// The networking budget per period, in minutes.
    pub fn budget_minutes(&self, period: Period) -> u32 {
        let week = self.work_hours_per_week * 60.0 * self.budget_percent / 100.0;
        let minutes = match period {
            Period::Week => week,
            // 52 weeks over 12 months.
            Period::Month => week * 52.0 / 12.0,
        };
        minutes.round() as u32
    }

    /// The known kinds, comma-separated, for error messages.
    pub fn kind_list(&self) -> String {
        self.kinds.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// Parses a user's file: first as TOML (a syntax error names its line), then
/// into the typed values (a bad value names its key). Returns the values and
/// the table as written.
fn parse_toml(text: &str, path: &Path) -> Result<(Config, toml::Table)> {
    let place = |e: &toml::de::Error| {
        e.span().map(|span| {
            let start = span.start.min(text.len());
            let line_no = text[..start].matches('\n').count() + 1;
            (line_no, text.lines().nth(line_no - 1).unwrap_or("").trim())
        })
    };
    let user: toml::Table = toml::from_str(text).map_err(|e| {
        let at = place(&e)
            .map(|(n, line)| format!(", line {n} ({line})"))
            .unwrap_or_default();
        anyhow::anyhow!("config {}{at}: {}", path.display(), in_words(e.message()))
    })?;
    let config: Config = toml::from_str(text).map_err(|e| {
        let key = place(&e).and_then(|(n, _)| key_at(text, n));
        let at = key.map(|k| format!(": {k}")).unwrap_or_default();
        let msg = in_words(e.message());
        let hint = if msg.starts_with("unknown field") {
            " (see `net config --default` for every key)"
        } else {
            ""
        };
        anyhow::anyhow!("config {}{at}: {msg}{hint}", path.display())
    })?;
    Ok((config, user))
}

/// The dotted key set on line `n` (1-based) of a TOML text: `due_limit`,
/// `kinds.hike`; the table's name on its header line.
fn key_at(text: &str, n: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let header = |l: &str| {
        l.trim()
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .map(|t| t.trim().to_string())
    };
    let line = lines.get(n - 1)?;
    if let Some(table) = header(line) {
        return Some(table);
    }
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    let table = lines[..n - 1].iter().rev().find_map(|l| header(l));
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// serde speaks Rust ("expected u32"); say it in a person's words.
fn in_words(message: &str) -> String {
    let mut msg = message.trim().replace('\n', " ");
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
    msg
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
    fn the_shipped_file_is_the_defaults_and_sets_every_key() {
        // Every key parses from the shipped file (a missing one would panic
        // in `shipped::value`), and the file round-trips through the types.
        let defaults = Config::default();
        let rendered: toml::Table = toml::from_str(&toml::to_string(&defaults).unwrap()).unwrap();
        let shipped: toml::Table = toml::from_str(DEFAULT_TOML).unwrap();
        let keys = |t: &toml::Table| {
            let mut keys = Vec::new();
            for (k, v) in t {
                match v.as_table() {
                    Some(sub) if k != "kinds" && k != "capture" => {
                        keys.extend(sub.keys().map(|s| format!("{k}.{s}")))
                    }
                    _ => keys.push(k.clone()),
                }
            }
            keys
        };
        assert_eq!(keys(&shipped), keys(&rendered));
        assert_eq!(defaults.due_limit, 20);
        assert_eq!(defaults.kinds.get("coffee"), Some(&45));
        assert_eq!(defaults.default_every.short(), "2mo");
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse_toml("defualt_every = \"1mo\"", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("defualt_every"), "{err}");
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key() {
        let err = parse_toml("\ndue_limit = \"x\"\n", Path::new("c.toml")).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "config c.toml: due_limit: invalid type: string \"x\", expected a whole number"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let err =
            parse_toml("due_limit = 3\nbudget_percent = \n", Path::new("c.toml")).unwrap_err();
        assert!(
            err.to_string().contains("line 2 (budget_percent =)"),
            "{err}"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        for (text, want) in [
            (
                "default_every = \"2m\"",
                "c.toml: default_every: \"2m\" is ambiguous",
            ),
            (
                "budget_percent = 150",
                "c.toml: budget_percent: give a percentage from 0 to 100, not 150",
            ),
            ("work_days = []", "c.toml: work_days: name at least one day"),
            (
                "budget_period = \"day\"",
                "c.toml: budget_period: use \"week\" or \"month\"",
            ),
            (
                "[kinds]\nhike = 1000000",
                "c.toml: kinds: hike = 1000000 is more than a day",
            ),
            ("[depth]\nfriend = 20", "c.toml: depth: hours must grow"),
            (
                "[capture]\ntime_zone = \"Mars/Base\"",
                "c.toml: capture.time_zone: \"Mars/Base\" is not a time zone",
            ),
        ] {
            let err = parse_toml(text, Path::new("c.toml")).unwrap_err();
            assert!(err.to_string().contains(want), "{text}: {err}");
        }
    }

    #[test]
    fn keys_set_in_the_file_are_known() {
        let s = Settings::from_text("due_limit = 5\n[kinds]\nwalk = 60\n", Path::new("c.toml"))
            .unwrap();
        let keys: Vec<&str> = s.from_file.iter().map(String::as_str).collect();
        assert_eq!(keys, ["due_limit", "kinds.walk"]);
        assert_eq!(s.due_limit, 5);
    }

    #[test]
    fn user_tables_extend_or_keep_the_defaults() {
        let (c, _) = parse_toml(
            "[kinds]\nwalk = 60\n[depth]\nfriend = 80\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(c.kinds.get("walk"), Some(&60));
        assert_eq!(c.kinds.get("coffee"), Some(&45));
        assert_eq!(c.thresholds.friend, 80.0);
        assert_eq!(c.thresholds.casual_friend, 50.0);
        let (c, _) = parse_toml("[capture]\nmail_minutes = 5\n", Path::new("c.toml")).unwrap();
        assert_eq!(c.capture.max_recipients, 10);
        assert_eq!(c.capture.mail_minutes, 5);
    }
}
