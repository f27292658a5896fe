//! Real CardDAV/CalDAV servers for the tests: Radicale and Xandikos from
//! `<repo>/.venv-dav` (made by `.ci/run`), each in its own temporary folder,
//! listening on 127.0.0.1 only, killed when the test ends.
//!
//! A server that is not installed skips the test with a message — except
//! under `CI=true`, where it fails it: CI installs both.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Radicale,
    Xandikos,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Radicale => "radicale",
            Kind::Xandikos => "xandikos",
        }
    }

    /// Both servers, for tests that run against each.
    pub const ALL: [Kind; 2] = [Kind::Radicale, Kind::Xandikos];
}

/// The user every test server knows (Radicale checks the password;
/// Xandikos has no authentication and accepts anyone).
pub const USER: &str = "anna";
pub const PASSWORD: &str = "correct horse";

/// How long a server may take to open its port.
const STARTUP: Duration = Duration::from_secs(30);

/// One running server. Dropping it kills the process and waits for it.
pub struct DavServer {
    pub kind: Kind,
    pub port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

/// The server's executable in the repo's venv.
pub fn binary(kind: Kind) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(".venv-dav/bin")
        .join(kind.name())
}

impl DavServer {
    /// Starts `kind` on a free loopback port and waits until it accepts
    /// connections. `None` (after printing why) when the server is not
    /// installed and this is not CI; under `CI=true` that is a failure.
    pub fn start(kind: Kind) -> Option<DavServer> {
        let bin = binary(kind);
        if !bin.is_file() {
            let msg = format!(
                "skipped: {} not installed (run .ci/run or `python3 -m venv .venv-dav && \
                 .venv-dav/bin/pip install radicale==3.9.0 xandikos==0.4.10`)",
                kind.name()
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but {} is missing: {msg}", bin.display());
            }
            eprintln!("{msg}");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix(&format!("net-{}-", kind.name()))
            .tempdir()
            .expect("a temporary folder");
        let port = free_port();
        let log = std::fs::File::create(dir.path().join("server.log")).expect("a log file");
        let mut cmd = Command::new(&bin);
        match kind {
            Kind::Radicale => {
                let users = dir.path().join("users");
                std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).unwrap();
                let config = dir.path().join("config");
                std::fs::write(
                    &config,
                    format!(
                        "[server]\nhosts = 127.0.0.1:{port}\n\n\
                         [auth]\ntype = htpasswd\nhtpasswd_filename = {}\n\
                         htpasswd_encryption = plain\ndelay = 0\n\n\
                         [rights]\ntype = owner_only\n\n\
                         [storage]\nfilesystem_folder = {}\n\n\
                         [web]\ntype = none\n\n\
                         [logging]\nlevel = warning\n",
                        users.display(),
                        dir.path().join("collections").display()
                    ),
                )
                .unwrap();
                cmd.arg("-C").arg(&config);
            }
            Kind::Xandikos => {
                cmd.arg("serve")
                    .arg("-d")
                    .arg(dir.path().join("data"))
                    .arg("--state-dir")
                    .arg(dir.path().join("state"))
                    .arg("--defaults")
                    .arg("--no-detect-systemd")
                    .args(["-l", "127.0.0.1", "-p", &port.to_string()]);
            }
        }
        let child = cmd
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("xdg"))
            .env_remove("LISTEN_FDS")
            .env_remove("LISTEN_PID")
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", bin.display()));
        let mut server = DavServer {
            kind,
            port,
            child,
            dir,
        };
        server.wait_until_ready();
        Some(server)
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// What the server wrote to stdout/stderr so far (for failure messages).
    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(self.dir.path().join("server.log")) {
            let _ = f.read_to_string(&mut text);
        }
        text
    }

    fn wait_until_ready(&mut self) {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "{} exited before listening ({status}):\n{}",
                    self.kind.name(),
                    self.log()
                );
            }
            if start.elapsed() > STARTUP {
                panic!(
                    "{} did not listen on 127.0.0.1:{} within {STARTUP:?}:\n{}",
                    self.kind.name(),
                    self.port,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for DavServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now: bind 127.0.0.1:0 and let it go.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free loopback port");
    listener.local_addr().unwrap().port()
}
