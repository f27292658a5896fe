use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match net::cli::parse() {
        Ok(cli) => cli,
        // --help and --version are not failures.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("net: {}", net::error::clap_line(&e));
            return ExitCode::from(net::error::code::USAGE);
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
