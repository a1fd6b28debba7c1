use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Input file.
    pub input: std::path::PathBuf,
}

pub fn run(_args: &GenerateArgs) -> Result<(), CliError> {
    Err(CliError::Usage(
        "'generate' is not available yet".to_owned(),
    ))
}
