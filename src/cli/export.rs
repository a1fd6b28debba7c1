use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Input file.
    pub input: std::path::PathBuf,
}

pub fn run(_args: &ExportArgs) -> Result<(), CliError> {
    Err(CliError::Usage("'export' is not available yet".to_owned()))
}
