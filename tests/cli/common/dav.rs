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

/// A test-only CA (valid until 2126) and the certificate it signed for
/// 127.0.0.1 and localhost, for the TLS tests. Never trust these anywhere
/// else: the key is public.
pub const TEST_CA_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUVjKVf8oamlX556W+yX5Xqf7GG+swCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLbmV0IHRlc3QgQ0EwIBcNMjYxMjAyMDYwOTUxWhgPMjEyNjEx
MDgwNjA5NTFaMBYxFDASBgNVBAMMC25ldCB0ZXN0IENBMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEs9DrOeTBPzRyc6sJOE6IXBYH1Z1jTX7zzmx8P+/mUx/AMpQ5
VqodBLGCARoqVgBuMVM0wpr6WnAiRc9KFGrYPKNjMGEwHQYDVR0OBBYEFKK5eLBq
y6gU8M91/0P0iUp8voMiMB8GA1UdIwQYMBaAFKK5eLBqy6gU8M91/0P0iUp8voMi
MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0gA
MEUCIDMT5xpkh8Mcd9ITYe1YkTS5IJb5M22aJeXdTdGQeAmLAiEAwTpQtYdnsMj4
3TQ0CKR156tQEOpGLC/Lq/dBZUolMMc=
-----END CERTIFICATE-----
";
const TEST_SERVER_CERT_PEM: &str = "\
-----BEGIN CERTIFICATE-----
MIIBwTCCAWegAwIBAgIUWGhnZkfqy8nMOZ90SVjB2LyOWaQwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLbmV0IHRlc3QgQ0EwIBcNMjYxMjAyMDYwOTUxWhgPMjEyNjEx
MDgwNjA5NTFaMBQxEjAQBgNVBAMMCTEyNy4wLjAuMTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABPf8OgxxcnJIEQKsnqMHxWhOESoyiTtQyMyfXYngOtBPmcLyl9YE
8/bKxXRWw0gyenM2O7lSCwjzsvsqRV0kWGKjgZIwgY8wDAYDVR0TAQH/BAIwADAO
BgNVHQ8BAf8EBAMCB4AwEwYDVR0lBAwwCgYIKwYBBQUHAwEwGgYDVR0RBBMwEYcE
fwAAAYIJbG9jYWxob3N0MB0GA1UdDgQWBBQgjQKPaI7qF70o+cgbz/Q1+lPKcjAf
BgNVHSMEGDAWgBSiuXiwasuoFPDPdf9D9IlKfL6DIjAKBggqhkjOPQQDAgNIADBF
AiAa7sdgxGdaW1u0XuwORtD7tgJcpP91TIetXjnFVLfeJwIhAPFCnmeggsXG+mu4
oxNc0oZXjrM+Fx6y3aQv79Iv1eAp
-----END CERTIFICATE-----
";
const TEST_SERVER_KEY_PEM: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg9q+72WViHiHKEM2H
WsUE0een05aAqkvFAlEzqwbZB+GhRANCAAT3/DoMcXJySBECrJ6jB8VoThEqMok7
UMjMn12J4DrQT5nC8pfWBPP2ysV0VsNIMnpzNju5UgsI87L7KkVdJFhi
-----END PRIVATE KEY-----
";

/// How long a server may take to open its port.
const STARTUP: Duration = Duration::from_secs(30);

/// One running server. Dropping it kills the process and waits for it.
pub struct DavServer {
    pub kind: Kind,
    pub port: u16,
    /// Served over TLS with the test CA's certificate.
    pub tls: bool,
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
        Self::start_with(kind, false)
    }

    /// Radicale over https, its certificate signed by [`TEST_CA_PEM`].
    pub fn start_radicale_tls() -> Option<DavServer> {
        Self::start_with(Kind::Radicale, true)
    }

    fn start_with(kind: Kind, tls: bool) -> Option<DavServer> {
        assert!(!tls || kind == Kind::Radicale, "TLS only with Radicale");
        let bin = binary(kind);
        if !bin.is_file() {
            let how = "run .ci/run or `python3 -m venv .venv-dav && \
                       .venv-dav/bin/pip install radicale==3.9.0 xandikos==0.4.10`";
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{} not installed at {} under CI=true ({how})",
                    kind.name(),
                    bin.display()
                );
            }
            eprintln!("skipped: {} not installed ({how})", kind.name());
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
                let ssl = if tls {
                    let cert = dir.path().join("server.pem");
                    let key = dir.path().join("server.key");
                    std::fs::write(&cert, TEST_SERVER_CERT_PEM).unwrap();
                    std::fs::write(&key, TEST_SERVER_KEY_PEM).unwrap();
                    format!(
                        "ssl = True\ncertificate = {}\nkey = {}\n",
                        cert.display(),
                        key.display()
                    )
                } else {
                    String::new()
                };
                let config = dir.path().join("config");
                std::fs::write(
                    &config,
                    format!(
                        "[server]\nhosts = 127.0.0.1:{port}\n{ssl}\n\
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
            tls,
            child,
            dir,
        };
        server.wait_until_ready();
        Some(server)
    }

    /// `http://127.0.0.1:PORT/` (`https://` with TLS).
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/", self.port)
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

/// Runs `scenario` against a fresh server of each of `kinds` (one that is
/// not installed is skipped as [`DavServer::start`] says), printing the
/// server's log when it fails.
pub fn on_each(kinds: &[Kind], scenario: impl Fn(&DavServer)) {
    for &kind in kinds {
        let Some(server) = DavServer::start(kind) else {
            continue;
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scenario(&server)));
        if let Err(panic) = result {
            eprintln!("--- {} log ---\n{}", kind.name(), server.log());
            std::panic::resume_unwind(panic);
        }
    }
}
