use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match net::cli::parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not failures; everything else is a usage error.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
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
