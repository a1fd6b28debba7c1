use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Input file.
    pub input: std::path::PathBuf,
}

pub fn run(_args: &DiffArgs) -> Result<(), CliError> {
    Err(CliError::Usage("'diff' is not available yet".to_owned()))
}
