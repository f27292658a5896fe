//! Checks that the bundled SQLite is compiled with the session extension
//! that undo records with (src/store/session.rs): `.cargo/config.toml` sets
//! LIBSQLITE3_FLAGS, which cargo reads only when it runs inside this
//! repository. Without it the link would fail on `sqlite3session_create`;
//! this says why instead.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBSQLITE3_FLAGS");
    let flags = std::env::var("LIBSQLITE3_FLAGS").unwrap_or_default();
    let missing: Vec<&str> = ["SQLITE_ENABLE_SESSION", "SQLITE_ENABLE_PREUPDATE_HOOK"]
        .into_iter()
        .filter(|flag| {
            !flags
                .split_whitespace()
                .any(|f| f.trim_start_matches("-D") == *flag)
        })
        .collect();
    if !missing.is_empty() {
        panic!(
            "net needs SQLite's session extension: LIBSQLITE3_FLAGS lacks {}. Run cargo inside \
             the net repository (its .cargo/config.toml sets it), or set \
             LIBSQLITE3_FLAGS=\"-DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK\"",
            missing.join(" and ")
        );
    }
}
