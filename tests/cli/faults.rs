//! Faults from outside (issue 11, points 7 and 8): a full disk, a read-only
//! file system, a damaged file. The disk is real: a 1 MiB tmpfs mounted in a
//! private mount namespace (`unshare -rm`, util-linux), filled with `dd`, or
//! remounted read-only, which binds root too (root ignores permission bits).
//! A read-only file or folder is tested as a user the bits bind (`nobody`
//! through util-linux `setpriv` when the tests run as root).

use crate::common::{TestEnv, TODAY};
use std::process::Command;

/// What one `net` run inside the namespace did.
#[derive(Debug)]
struct Ran {
    stdout: String,
    stderr: String,
    code: i32,
}

/// Fails the test (never skips it) when private mount namespaces cannot be
/// made here: these tests must not pass without their disk.
fn require_unshare() {
    let ran = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .output();
    assert!(
        ran.as_ref().is_ok_and(|o| o.status.success()),
        "this test needs `unshare -rm` (util-linux, with user namespaces allowed) to mount a small \
         real disk: install util-linux (.ci/run does); got {ran:?}"
    );
}

/// Copies `env`'s database onto a fresh 1 MiB tmpfs of its own and runs
/// `steps` there, one shell line each: `net ARGS` runs net (its output is
/// kept), `fill` fills the disk to the last byte, `room N` frees N KiB of
/// it again, `free` empties it, `read_only` remounts it read-only. Returns
/// what each `net` run did, in order.
fn on_a_tiny_disk(env: &TestEnv, steps: &[&str]) -> Vec<Ran> {
    require_unshare();
    let disk = env.root().join("disk");
    let out = env.root().join("runs");
    std::fs::create_dir_all(&disk).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let script = format!(
        r#"set -e
mount -t tmpfs -o size=1m tmpfs "$DISK"
cp "$SEED" "$DISK/net.db"
i=0
net() {{ i=$((i+1)); "$NET" "$@" >"$OUT/$i.out" 2>"$OUT/$i.err" && echo 0 >"$OUT/$i.rc" || echo $? >"$OUT/$i.rc"; }}
fill() {{ dd if=/dev/zero of="$DISK/fill" bs=4k 2>/dev/null || true; }}
room() {{ truncate -s -"$1"K "$DISK/fill"; }}
free() {{ rm -f "$DISK/fill"; }}
read_only() {{ mount -o remount,ro "$DISK"; }}
{}
"#,
        steps.join("\n")
    );
    let mut cmd = Command::new("unshare");
    cmd.args(["-rm", "sh", "-c", &script])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NET", env!("CARGO_BIN_EXE_net"))
        .env("DISK", &disk)
        .env("OUT", &out)
        .env("SEED", env.db())
        .env("NET_DB", disk.join("net.db"))
        .env("NET_CONFIG", env.config())
        .env("NET_TODAY", TODAY)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("HOME", env.root())
        .env("TMPDIR", env.root())
        .current_dir(env.root());
    let done = cmd.output().expect("running unshare");
    assert!(
        done.status.success(),
        "the tiny disk script failed: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    let runs = steps.iter().filter(|s| s.starts_with("net ")).count();
    (1..=runs)
        .map(|i| {
            let read = |ext: &str| std::fs::read_to_string(out.join(format!("{i}.{ext}"))).unwrap();
            let ran = Ran {
                stdout: read("out"),
                stderr: read("err"),
                code: read("rc").trim().parse().unwrap(),
            };
            assert!(!ran.stderr.contains("panicked"), "{ran:?}");
            ran
        })
        .collect()
}

/// Anna (#1) with an e-mail and a call; Bob (#2).
fn anna_and_bob() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller", "--email", "anna@example.org"]);
    env.ok(&["add", "Bob Stone"]);
    env.ok(&["log", "call", "anna", "--note", "talked shop"]);
    env
}

/// A failed write: exit 1, exactly one line on stderr, nothing on stdout.
fn one_line_failure(ran: &Ran) -> &str {
    assert_eq!(ran.code, 1, "{ran:?}");
    assert_eq!(ran.stderr.lines().count(), 1, "{ran:?}");
    assert!(!ran.stderr.contains("Error code"), "{ran:?}");
    ran.stderr.trim_end()
}

const WRITES: [&str; 4] = [
    "net add Carl",
    "net log call anna --note again",
    "net edit anna --org Acme",
    "net forget bob --yes",
];

// ------------------------------------------------------------- 8. a full disk

#[test]
fn a_full_disk_still_reads_and_refuses_writes_in_one_line() {
    let env = anna_and_bob();
    let mut steps = vec!["net export json", "fill"];
    steps.extend(["net due", "net show anna", "net list", "net export json"]);
    steps.extend(WRITES);
    steps.extend(["net doctor", "net export json", "free", "net export json"]);
    let runs = on_a_tiny_disk(&env, &steps);
    let before = &runs[0];
    assert_eq!(before.code, 0, "{before:?}");
    assert!(before.stdout.contains("Anna Müller"), "{before:?}");
    // Reads work on the full disk, and the backup is whole.
    for ran in &runs[1..5] {
        assert_eq!(ran.code, 0, "{ran:?}");
        assert!(ran.stdout.contains("Anna Müller"), "{ran:?}");
    }
    assert_eq!(runs[4].stdout, before.stdout);
    // Every write says the same one line and changes nothing.
    for ran in &runs[5..9] {
        let line = one_line_failure(ran);
        assert!(
            line.starts_with("net: the disk is full: nothing was saved"),
            "{line}"
        );
    }
    let doctor = &runs[9];
    assert_eq!(doctor.code, 1, "{doctor:?}");
    assert!(
        doctor.stdout.contains("PROBLEM writable") && doctor.stdout.contains("is full"),
        "{doctor:?}"
    );
    assert_eq!(runs[10].stdout, before.stdout, "unchanged while full");
    assert_eq!(runs[11].stdout, before.stdout, "unchanged once freed");
}

#[test]
fn a_write_larger_than_the_room_left_saves_nothing() {
    let env = anna_and_bob();
    // Room for net to open (its 32 KiB -shm) but not for a 100 KB note.
    let note = "x".repeat(100_000);
    let log = format!("net log call anna --note {note}");
    let steps = [
        "net export json",
        "fill",
        "room 64",
        &log,
        "free",
        "net export json",
    ];
    let runs = on_a_tiny_disk(&env, &steps);
    assert_eq!(runs[0].code, 0, "{:?}", runs[0]);
    let line = one_line_failure(&runs[1]);
    assert!(
        line.starts_with("net: the disk is full: nothing was saved"),
        "{line}"
    );
    assert_eq!(runs[2].stdout, runs[0].stdout);
}

// ------------------------------------------------------------- 8. a read-only file system

#[test]
fn a_read_only_disk_still_reads_and_names_the_path_on_writes() {
    let env = anna_and_bob();
    let mut steps = vec!["net export json", "read_only"];
    steps.extend(["net due", "net show anna", "net list", "net export json"]);
    steps.extend(WRITES);
    steps.push("net doctor");
    let runs = on_a_tiny_disk(&env, &steps);
    let before = &runs[0];
    assert_eq!(before.code, 0, "{before:?}");
    for ran in &runs[1..5] {
        assert_eq!(ran.code, 0, "{ran:?}");
    }
    assert_eq!(runs[4].stdout, before.stdout);
    let db = env.root().join("disk").join("net.db");
    for ran in &runs[5..9] {
        let line = one_line_failure(ran);
        assert_eq!(
            line,
            format!(
                "net: {} is on a read-only file system: nothing was saved",
                db.display()
            )
        );
    }
    let doctor = &runs[9];
    assert_eq!(doctor.code, 1, "{doctor:?}");
    assert!(
        doctor.stdout.contains(&format!(
            "PROBLEM writable: {} is on a read-only file system",
            db.display()
        )),
        "{doctor:?}"
    );
}

// ------------------------------------------------------------- 7. another database's -wal

/// The `-wal` of a copy of `env`'s database that went its own way: written
/// by a connection that is still open (so SQLite has not folded it in).
fn foreign_wal(env: &TestEnv) -> Vec<u8> {
    let copy = env.root().join("copy.db");
    std::fs::copy(env.db(), &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = ON;")
        .unwrap();
    for n in 0..200 {
        conn.execute(
            "INSERT INTO contact_notes (contact_id, created_on, text) VALUES (2, '2026-11-22', ?1)",
            [format!("other {n} {}", "y".repeat(400))],
        )
        .unwrap();
    }
    let wal = std::fs::read(env.root().join("copy.db-wal")).unwrap();
    drop(conn);
    wal
}

#[test]
fn another_databases_wal_beside_it_is_explained_by_every_command_and_doctor() {
    let env = anna_and_bob();
    let wal = foreign_wal(&env);
    // net.db goes on without it: pages move, the copy's frames no longer fit.
    for n in 0..30 {
        env.ok(&["add", &format!("Person {n}"), "--note", &"z".repeat(300)]);
    }
    env.ok(&["forget", "bob", "--yes"]);
    let mut name = env.db().into_os_string();
    name.push("-wal");
    std::fs::write(&name, &wal).unwrap();
    let line = format!(
        "net: {} does not belong to {}",
        name.to_string_lossy(),
        env.db().display()
    );
    for args in [
        &["list"][..],
        &["doctor"],
        &["export", "json"],
        &["add", "Carl"],
    ] {
        let out = env.net(args);
        assert_eq!(out.code, 1, "net {}: {}", args.join(" "), out.snapshot());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.snapshot());
        assert!(out.stderr.starts_with(&line), "{}", out.snapshot());
        assert!(out.stderr.contains("mv "), "{}", out.snapshot());
    }
    // Moved away as told: the database is whole, with everything net saved.
    std::fs::rename(&name, env.root().join("foreign-wal")).unwrap();
    assert!(env.ok(&["doctor"]).stdout.contains("ok     integrity"));
    let list = env.ok(&["list"]).stdout;
    assert!(
        list.contains("Person 29") && !list.contains("Bob"),
        "{list}"
    );
}

// ------------------------------------------------------------- 7. a deleted -shm

#[test]
fn a_shm_deleted_under_a_running_writer_loses_no_write() {
    let env = anna_and_bob();
    // Another writer, in WAL mode, with a write not yet folded in.
    let other = rusqlite::Connection::open(env.db()).unwrap();
    other
        .execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO local_meta (key, value) VALUES ('first', 'x');",
        )
        .unwrap();
    let mut shm = env.db().into_os_string();
    shm.push("-shm");
    std::fs::remove_file(&shm).unwrap();
    let net = env
        .command(TODAY, &["add", "Carl Weber"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    // The other writer goes on with the index it has, and ends.
    other
        .execute(
            "INSERT INTO local_meta (key, value) VALUES ('second', 'y')",
            [],
        )
        .unwrap();
    drop(other);
    let out = env.finish(net);
    assert_eq!(out.code, 0, "{}", out.snapshot());
    let names: Vec<String> = env.export()["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Carl Weber".to_string()), "{names:?}");
    let check = rusqlite::Connection::open(env.db()).unwrap();
    let kept: i64 = check
        .query_row(
            "SELECT count(*) FROM local_meta WHERE key IN ('first', 'second')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 2);
}

#[test]
fn a_wal_replaced_under_its_index_is_refused_unread() {
    let env = anna_and_bob();
    let wal = foreign_wal(&env);
    // A net-like writer has net.db open: its -shm indexes net.db's own -wal.
    let other = rusqlite::Connection::open(env.db()).unwrap();
    other
        .execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO local_meta (key, value) VALUES ('mine', 'x');",
        )
        .unwrap();
    let mut name = env.db().into_os_string();
    name.push("-wal");
    std::fs::write(&name, &wal).unwrap();
    for args in [&["list"][..], &["doctor"], &["add", "Carl"]] {
        let out = env.net(args);
        assert_eq!(out.code, 1, "{}", out.snapshot());
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.snapshot());
        assert!(
            out.stderr.contains("does not belong to") && out.stderr.contains("mv "),
            "{}",
            out.snapshot()
        );
    }
    drop(other);
}

// ------------------------------------------------------------- 8. a read-only file or folder

/// Runs `net ARGS` for `env` as a user the permission bits bind: as root
/// (which ignores them) it drops to `nobody` with util-linux `setpriv`,
/// after handing the test folder to that user.
fn as_plain_user(env: &TestEnv, args: &[&str]) -> Ran {
    let mut cmd = env.command(TODAY, args);
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    if root {
        let chown = Command::new("chown")
            .args(["-R", "65534:65534"])
            .arg(env.root())
            .status()
            .unwrap();
        assert!(chown.success());
        let mut wrapped = Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_net"))
            .args(args)
            .env_clear()
            .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .current_dir(env.root());
        cmd = wrapped;
    }
    let out = cmd.output().expect("running net (setpriv is util-linux)");
    Ran {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap(),
    }
}

#[cfg(unix)]
fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_file_or_folder_still_reads_and_names_the_path_on_writes() {
    for folder in [false, true] {
        let env = anna_and_bob();
        let before = env.export();
        if folder {
            chmod(env.root(), 0o500);
        } else {
            chmod(&env.db(), 0o400);
        }
        let list = as_plain_user(&env, &["list"]);
        let export = as_plain_user(&env, &["export", "json"]);
        let add = as_plain_user(&env, &["add", "Carl"]);
        let doctor = as_plain_user(&env, &["doctor"]);
        chmod(env.root(), 0o700);
        chmod(&env.db(), 0o600);
        assert_eq!(list.code, 0, "{list:?}");
        assert!(list.stdout.contains("Anna Müller"), "{list:?}");
        assert_eq!(export.code, 0, "{export:?}");
        let problem = if folder {
            format!("the folder {} is read-only", env.root().display())
        } else {
            format!("{} is read-only", env.db().display())
        };
        let line = one_line_failure(&add);
        assert!(
            line.starts_with(&format!("net: {problem}: nothing was saved")),
            "{line}"
        );
        assert_eq!(doctor.code, 1, "{doctor:?}");
        assert!(
            doctor
                .stdout
                .contains(&format!("PROBLEM writable: {problem}")),
            "{doctor:?}"
        );
        assert_eq!(env.export(), before);
    }
}
