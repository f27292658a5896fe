//! The sealed environment every test runs `net` in: a temporary folder
//! holding the database and the config, a fixed "today", no terminal, and
//! nothing from the caller's environment except `PATH`.
//!
//! (A small subset, with the same names, of the TestEnv on the main branch.)

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// "Today" in every test unless a test says otherwise: a Sunday.
pub const TODAY: &str = "2026-11-22";

/// A temporary home for one test.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// What one run of `net` printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    root: String,
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

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.root().join("net.db")
    }

    pub fn config(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    /// A `net` command in the sealed environment, "today" being `today`.
    pub fn command(&self, today: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_net"));
        cmd.env_clear()
            .env("NET_DB", self.db())
            .env("NET_CONFIG", self.config())
            .env("NET_TODAY", today)
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env("HOME", self.root())
            .current_dir(self.root())
            .stdin(Stdio::null())
            .args(args);
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd
    }

    /// Runs a prepared command; no run may panic or print a raw escape.
    pub fn run(&self, cmd: &mut Command) -> Output {
        let out = cmd.output().expect("running net");
        let out = Output {
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            code: out.status.code().expect("net ended by a signal"),
            root: self.root().display().to_string(),
        };
        for text in [&out.stdout, &out.stderr] {
            assert!(
                !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
                "net panicked:\n{}",
                out.snapshot()
            );
            assert!(!text.contains('\u{1b}'), "raw ESC:\n{}", out.snapshot());
        }
        out
    }

    /// Runs `net ARGS` on [`TODAY`].
    pub fn net(&self, args: &[&str]) -> Output {
        self.net_on(TODAY, args)
    }

    pub fn net_on(&self, today: &str, args: &[&str]) -> Output {
        self.run(&mut self.command(today, args))
    }

    /// Runs `net ARGS` and insists that it succeeds.
    pub fn ok(&self, args: &[&str]) -> Output {
        self.net(args).success()
    }

    pub fn ok_on(&self, today: &str, args: &[&str]) -> Output {
        self.net_on(today, args).success()
    }

    /// Runs `net ARGS` (which should include `--json`) and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        self.ok(args).json()
    }

    /// The whole database as `net export json` writes it.
    pub fn db_dump(&self) -> String {
        self.ok(&["export", "json"]).stdout
    }

    /// The database as parsed JSON.
    pub fn export(&self) -> Value {
        serde_json::from_str(&self.db_dump()).expect("export is JSON")
    }

    /// Runs a command that must fail with `code` and a one-line error, and
    /// must leave the database as it was. Returns the error line.
    pub fn fails_unchanged(&self, code: i32, args: &[&str]) -> String {
        let before = self.db_dump();
        let out = self.net(args);
        let line = out.error(code);
        assert_eq!(
            self.db_dump(),
            before,
            "`net {}` failed but changed the database",
            args.join(" ")
        );
        line
    }

    /// Writes a file into the test folder and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("creating a test folder");
        }
        std::fs::write(&path, contents).expect("writing a test file");
        path
    }
}

impl Output {
    /// stdout, then stderr under a `[stderr]` marker, then the exit code.
    pub fn snapshot(&self) -> String {
        let mut s = self.stdout.clone();
        if !self.stderr.is_empty() {
            s.push_str("[stderr]\n");
            s.push_str(&self.stderr);
        }
        s.push_str(&format!("[exit {}]\n", self.code));
        s.replace(&self.root, "$TEST_ENV")
    }

    #[track_caller]
    pub fn success(self) -> Output {
        assert_eq!(self.code, 0, "expected success:\n{}", self.snapshot());
        self
    }

    /// Insists on exit `code` with exactly one `net: ` line on stderr and
    /// nothing on stdout. Returns the line.
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

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.snapshot()))
    }
}
