use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // An empty NET_DB or NET_CONFIG (e.g. `NET_DB= net due`) means "not set",
    // not "a path that is the empty string".
    for var in ["NET_DB", "NET_CONFIG"] {
        if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
            std::env::remove_var(var);
        }
    }
    let cli = match net::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version are not failures.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("net: {}", net::error::clap_line(&e));
            return ExitCode::from(2);
        }
    };
    match net::run(cli) {
        Ok(code) => code,
        Err(e) if net::error::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("net: {}", net::error::one_line(&e));
            net::error::exit_code(&e)
        }
    }
}
