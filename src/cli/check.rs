use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Input file.
    pub input: std::path::PathBuf,
}

pub fn run(_args: &CheckArgs) -> Result<(), CliError> {
    Err(CliError::Usage("'check' is not available yet".to_owned()))
}
