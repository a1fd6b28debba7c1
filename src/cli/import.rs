use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Input file.
    pub input: std::path::PathBuf,
}

pub fn run(_args: &ImportArgs) -> Result<(), CliError> {
    Err(CliError::Usage("'import' is not available yet".to_owned()))
}
