//! The sealed environment every test runs `net` in (modelled on jj's
//! `test_environment.rs`): a temporary folder holding the database and the
//! config, a fixed "today", no terminal, and nothing from the caller's
//! environment except `PATH`.

#![allow(dead_code)]

pub mod dav;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// "Today" in every test unless a test says otherwise: a Sunday.
pub const TODAY: &str = "2026-11-22";

/// A temporary home for one test: `net.db`, `config.toml` and any files it writes.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// What one run of `net` printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// The test folder, replaced by `$TEST_ENV` in snapshots.
    root: String,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::Builder::new()
                .prefix("net-cli-")
                .tempdir()
                .expect("a temporary folder"),
        }
    }

    /// The test folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `NET_DB`: `<root>/net.db`.
    pub fn db(&self) -> PathBuf {
        self.root().join("net.db")
    }

    /// `NET_CONFIG`: `<root>/config.toml` (absent unless a test writes it).
    pub fn config(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    /// A `net` command in the sealed environment, "today" being `today`.
    /// Tests may add or override variables before handing it to [`TestEnv::run`].
    pub fn command(&self, today: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_net"));
        cmd.env_clear()
            .env("NET_DB", self.db())
            .env("NET_CONFIG", self.config())
            .env("NET_TODAY", today)
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env("HOME", self.root())
            .env("TMPDIR", self.root())
            .current_dir(self.root())
            .stdin(Stdio::null())
            .args(args);
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd
    }

    /// Runs a prepared command and checks what must hold for every run:
    /// no panic, no backtrace, no raw terminal escape on either stream.
    pub fn run(&self, cmd: &mut Command) -> Output {
        let out = cmd.output().expect("running net");
        let out = Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.status.code().expect("net ended by a signal"),
            root: self.root().display().to_string(),
        };
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
                "net panicked ({stream}):\n{}",
                out.snapshot()
            );
            assert!(
                !text.contains('\u{1b}'),
                "raw ESC on {stream}:\n{}",
                out.snapshot().escape_debug()
            );
        }
        out
    }

    /// Waits for a `net` started with [`TestEnv::command`] and `spawn`
    /// (stdout and stderr piped), with the checks of [`TestEnv::run`].
    pub fn finish(&self, child: std::process::Child) -> Output {
        let out = child.wait_with_output().expect("waiting for net");
        let out = Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.status.code().expect("net ended by a signal"),
            root: self.root().display().to_string(),
        };
        assert!(
            !out.stderr.contains("panicked"),
            "net panicked:\n{}",
            out.snapshot()
        );
        out
    }

    /// Runs `net ARGS` on [`TODAY`].
    pub fn net(&self, args: &[&str]) -> Output {
        self.net_on(TODAY, args)
    }

    /// Runs `net ARGS` with `NET_TODAY=today`.
    pub fn net_on(&self, today: &str, args: &[&str]) -> Output {
        self.run(&mut self.command(today, args))
    }

    /// Runs `net ARGS` on [`TODAY`] and insists that it succeeds.
    pub fn ok(&self, args: &[&str]) -> Output {
        self.net(args).success()
    }

    /// Runs `net ARGS` on `today` and insists that it succeeds.
    pub fn ok_on(&self, today: &str, args: &[&str]) -> Output {
        self.net_on(today, args).success()
    }

    /// Runs `net ARGS` (which should include `--json`) and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.ok(args).json()
    }

    /// The whole database as `net export json` writes it.
    pub fn db_dump(&self) -> String {
        let out = self.ok(&["export", "json"]);
        assert!(out.stdout.starts_with('{'), "{}", out.snapshot());
        out.stdout
    }

    /// The database as parsed JSON, without what differs between two
    /// databases made by the same commands: each record's `uuid` (random)
    /// and `modified` (the clock). [`TestEnv::db_dump`] keeps them.
    pub fn export(&self) -> Value {
        let mut doc: Value = serde_json::from_str(&self.db_dump()).expect("export is JSON");
        without_identities(&mut doc);
        doc
    }

    /// `show NAME --json`'s `contact` object.
    pub fn contact(&self, name: &str) -> Value {
        self.json(&["show", name, "--json"])["contact"].clone()
    }

    /// Runs a command that must fail with `code` and a one-line error, and
    /// must leave the database as it was. Returns the error line.
    pub fn fails_unchanged(&self, code: i32, args: &[&str]) -> String {
        self.fails_unchanged_on(TODAY, code, args)
    }

    /// [`TestEnv::fails_unchanged`] on another day.
    pub fn fails_unchanged_on(&self, today: &str, code: i32, args: &[&str]) -> String {
        let before = self.db_dump();
        let out = self.net_on(today, args);
        let line = out.error(code);
        assert_eq!(
            self.db_dump(),
            before,
            "`net {}` failed but changed the database",
            args.join(" ")
        );
        line
    }

    /// Writes `config.toml`.
    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config(), text).expect("writing config.toml");
    }

    /// Writes a file into the test folder and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, contents).expect("writing a test file");
        path
    }

    /// The ids in `net due --json` (with extra flags), in order.
    pub fn due_ids(&self, today: &str, extra: &[&str]) -> Vec<i64> {
        let mut args = vec!["due", "--json"];
        args.extend_from_slice(extra);
        self.ok_on(today, &args).json()["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| e["id"].as_i64().expect("id"))
            .collect()
    }
}

impl Output {
    /// stdout, then stderr under a `[stderr]` marker, then the exit code, with
    /// the test folder written as `$TEST_ENV`.
    pub fn snapshot(&self) -> String {
        let mut s = self.stdout.clone();
        if !self.stderr.is_empty() {
            s.push_str("[stderr]\n");
            s.push_str(&self.stderr);
        }
        s.push_str(&format!("[exit {}]\n", self.code));
        s.replace(&self.root, "$TEST_ENV")
    }

    /// Insists on exit code 0.
    #[track_caller]
    pub fn success(self) -> Output {
        assert_eq!(self.code, 0, "expected success:\n{}", self.snapshot());
        self
    }

    /// Insists on exit `code` with exactly one line on stderr, starting
    /// `net: `, and nothing on stdout. Returns the line without the newline.
    #[track_caller]
    pub fn error(&self, code: i32) -> String {
        assert_eq!(
            self.code,
            code,
            "expected exit {code}:\n{}",
            self.snapshot()
        );
        assert!(
            self.stderr.starts_with("net: ")
                && self.stderr.ends_with('\n')
                && self.stderr.lines().count() == 1,
            "expected one `net: ` line on stderr:\n{}",
            self.snapshot()
        );
        assert_eq!(
            self.stdout,
            "",
            "an error printed data:\n{}",
            self.snapshot()
        );
        self.stderr.trim_end().replace(&self.root, "$TEST_ENV")
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.snapshot()))
    }
}

/// Sets `PRAGMA user_version` of a database file directly, as a newer `net` would.
pub fn set_user_version(db: &Path, version: i64) {
    let conn = rusqlite::Connection::open(db).expect("opening the database");
    conn.pragma_update(None, "user_version", version)
        .expect("setting user_version");
}

/// The interactions of an export, as (kind, date, contact ids).
pub fn interactions(export: &Value) -> Vec<(String, String, Vec<i64>)> {
    export["interactions"]
        .as_array()
        .expect("interactions")
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["date"].as_str().unwrap().to_string(),
                i["contacts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_i64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

/// Insists that neither stream holds a raw control character (C0, DEL or
/// C1) other than newline and tab: text from the user or a file must never
/// reach the terminal as a control sequence.
#[track_caller]
pub fn assert_no_raw_controls(out: &Output) {
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
            .collect();
        assert!(
            raw.is_empty(),
            "raw control characters {raw:?} on {stream}:\n{}",
            out.snapshot().escape_debug()
        );
    }
}

/// The permission bits of a file or folder.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

/// Fails the test, saying what to install, when `tool` cannot run: a test
/// that needs a tool must not pass without it (`.ci/run` installs them).
pub fn require_tool(tool: &str, package: &str) {
    let ran = Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(
        ran.is_ok_and(|s| s.success()),
        "this test needs `{tool}`, which is missing or broken: install {package} (.ci/run does)"
    );
}

impl TestEnv {
    /// A test folder whose database holds `doc`, a `net/1` document (see
    /// PRODUCT.md, "Interchange format"), loaded with ONE `net import json`
    /// instead of a `net add`/`net log` process per row. Each fixture built
    /// this way has a test that it equals what its commands make.
    pub fn with_network(doc: &Value) -> TestEnv {
        let env = TestEnv::new();
        env.load(doc);
        env
    }

    /// Imports `doc` (a `net/1` document) in one `net import json`.
    pub fn load(&self, doc: &Value) {
        let file = self.write("fixture.json", &doc.to_string());
        self.ok(&["import", "json", file.to_str().unwrap()]);
        std::fs::remove_file(file).expect("removing the fixture file");
    }
}

/// Runs `net ARGS` at a pseudo-terminal (util-linux `script`), typing `keys`
/// (printf escapes, `\r` for Enter), with `vars` added to the test's
/// environment; what it showed is in `stdout`.
pub fn at_pty(
    env: &TestEnv,
    args: &str,
    keys: &str,
    vars: &[(&str, &str)],
) -> std::process::Output {
    let probe = std::process::Command::new("script")
        .arg("--version")
        .output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "these tests need util-linux `script` for a pseudo-terminal"
    );
    let bin = env!("CARGO_BIN_EXE_net");
    let cmd = env.command(TODAY, &[]);
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf '{keys}' | script -qec \"'{bin}' {args}\" /dev/null"
        ))
        .env_clear()
        .envs(envs)
        .envs(vars.iter().copied())
        .env("TERM", "dumb")
        .output()
        .expect("util-linux `script` runs net at a pseudo-terminal")
}

/// `doc` (a net/1 document) without the `uuid` and `modified` of its
/// records, each checked first: every record has a UUID of 36 characters,
/// and every contact, interaction and promise a time such as
/// 20261122T091405Z.
pub fn without_identities(doc: &mut Value) {
    for (section, timed) in [
        ("contacts", true),
        ("interactions", true),
        ("notes", false),
        ("followups", true),
        ("assessments", false),
    ] {
        let Some(records) = doc.get_mut(section).and_then(Value::as_array_mut) else {
            continue;
        };
        for record in records {
            let record = record.as_object_mut().expect("a record is an object");
            let uuid = record.remove("uuid");
            let uuid = uuid.as_ref().and_then(Value::as_str);
            assert!(
                uuid.is_some_and(|u| u.len() == 36 && u.matches('-').count() == 4),
                "{section}: {uuid:?} in {record:?}"
            );
            let at = record.remove("modified");
            let at = at.as_ref().and_then(Value::as_str);
            assert_eq!(
                at.is_some_and(|t| t.len() == 16 && t.ends_with('Z')),
                timed,
                "{section}: {at:?} in {record:?}"
            );
        }
    }
}
