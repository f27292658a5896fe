//! The database file: where it lives, and several `net`s at once.

use crate::common::{interactions, TestEnv, TODAY};

#[test]
fn db_flag_overrides_net_db() {
    let env = TestEnv::new();
    let other = env.root().join("other.db");
    env.ok(&["add", "Anna Müller", "--db", other.to_str().unwrap()]);
    assert!(other.is_file());
    assert_eq!(env.export()["contacts"], serde_json::json!([]));
    let list = env.ok(&["--db", other.to_str().unwrap(), "list", "--names"]);
    assert_eq!(list.stdout, "Anna Müller\n");
}

#[test]
fn config_flag_overrides_net_config() {
    let env = TestEnv::new();
    let other = env.write("other.toml", "default_every = \"1w\"\n");
    env.ok(&["add", "Anna Müller", "--config", other.to_str().unwrap()]);
    // Issue 10.4: the default is stored as such; that config's default is 1w.
    assert_eq!(env.contact("anna")["every"], "default");
    let v = env.json(&[
        "show",
        "anna",
        "--json",
        "--config",
        other.to_str().unwrap(),
    ]);
    assert_eq!(v["relationship"]["cadence"], "1w");
}

#[test]
fn data_survives_between_runs() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    env.ok(&["log", "coffee", "anna"]);
    assert_eq!(interactions(&env.export()).len(), 1);
    assert_eq!(env.json(&["show", "anna", "--json"])["last_touch"], TODAY);
}

/// Spawns `processes` copies of `net ARGS`, each run `times` in a row, and
/// returns every stderr of a failed run.
fn in_parallel(env: &TestEnv, processes: usize, times: usize, args: &[&str]) -> Vec<String> {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..processes)
            .map(|_| {
                s.spawn(|| {
                    let mut failures = Vec::new();
                    for _ in 0..times {
                        let out = env.run(&mut env.command(TODAY, args));
                        if out.code != 0 || out.stderr.contains("locked") {
                            failures.push(out.snapshot());
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

#[test]
fn four_processes_logging_at_once_lose_nothing() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let failures = in_parallel(&env, 4, 10, &["log", "coffee", "anna"]);
    assert!(failures.is_empty(), "{failures:#?}");
    let all = interactions(&env.export());
    assert_eq!(all.len(), 40);
    assert_eq!(
        env.json(&["show", "anna", "--json"])["interactions_total"],
        40
    );
}

#[test]
fn several_processes_on_a_fresh_database() {
    for _ in 0..3 {
        let env = TestEnv::new();
        let failures = std::thread::scope(|s| {
            let adders = s.spawn(|| in_parallel(&env, 4, 1, &["add", "Anna Müller"]));
            let readers = s.spawn(|| in_parallel(&env, 4, 1, &["due"]));
            let mut f = adders.join().unwrap();
            f.extend(readers.join().unwrap());
            f
        });
        assert!(failures.is_empty(), "{failures:#?}");
        assert_eq!(env.export()["contacts"].as_array().unwrap().len(), 4);
    }
}

#[test]
fn reads_and_writes_at_once() {
    let env = TestEnv::new();
    env.ok(&["add", "Anna Müller"]);
    let failures = std::thread::scope(|s| {
        let writer = s.spawn(|| in_parallel(&env, 2, 8, &["log", "call", "anna"]));
        let reader = s.spawn(|| in_parallel(&env, 2, 8, &["due", "--all", "--json"]));
        let mut f = writer.join().unwrap();
        f.extend(reader.join().unwrap());
        f
    });
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(interactions(&env.export()).len(), 16);
}

#[test]
fn empty_net_db_means_the_default_data_dir() {
    let env = TestEnv::new();
    let mut cmd = env.command(TODAY, &["add", "Anna Müller"]);
    cmd.env("NET_DB", "")
        .env("NET_CONFIG", "")
        .env("XDG_DATA_HOME", env.root().join("data"));
    let out = env.run(&mut cmd);
    assert_eq!(out.code, 0, "{}", out.snapshot());
    assert!(
        env.root().join("data/net/net.db").is_file(),
        "{}",
        out.snapshot()
    );
}
