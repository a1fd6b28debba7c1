//! `orgchart generate`: writes a realistic synthetic chart, for tests and benchmarks.

use std::path::PathBuf;

use clap::Args;

use super::CliError;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// How many units the chart has.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub units: u64,
    /// Seed for the random choices: the same seed and size always give the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the chart (.ron).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &GenerateArgs) -> Result<(), CliError> {
    let units = usize::try_from(args.units)
        .map_err(|_| CliError::Usage(format!("{} units is too many here", args.units)))?;
    crate::io::check_output(&args.output, &[]).map_err(CliError::Invalid)?;
    let chart = crate::generate::generate(units, args.seed);
    crate::io::save(&chart, &args.output).map_err(CliError::invalid)
}
