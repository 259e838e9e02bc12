//! The `policy-search` command line: builds and checks the dataset (and, later, the index).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use policy_search::data::{agency::AgencyTable, report, seed};

const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

#[derive(Parser)]
#[command(name = "policy-search", version, about = "Search over Shanxi's enterprise-support policy list")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or check the structured dataset.
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
}

#[derive(clap::Args)]
struct DataPaths {
    /// The seed text (the official list extracted from its PDF).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/seed.txt"))]
    seed: PathBuf,
    /// The prefix → agency table.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/agencies.tsv"))]
    agencies: PathBuf,
}

#[derive(Subcommand)]
enum DataCommand {
    /// Parse the seed and write data/policies.json and data/REPORT.md.
    Build {
        #[command(flatten)]
        paths: DataPaths,
        /// Where to write the dataset and report.
        #[arg(long, default_value = DATA_DIR)]
        out_dir: PathBuf,
    },
    /// Parse the seed, print every anomaly, and fail if data/policies.json is stale.
    Check {
        #[command(flatten)]
        paths: DataPaths,
        /// Print only the counts.
        #[arg(long)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("policy-search: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse(paths: &DataPaths) -> Result<seed::Parsed, String> {
    let bytes = read(&paths.seed)?;
    let tsv = String::from_utf8(read(&paths.agencies)?).map_err(|e| format!("{}: {e}", paths.agencies.display()))?;
    let agencies = AgencyTable::parse(&tsv).map_err(|e| format!("{}: {e}", paths.agencies.display()))?;
    let name = paths.seed.file_name().map_or("seed.txt".into(), |n| n.to_string_lossy().into_owned());
    seed::decode(&bytes)
        .and_then(|text| seed::parse(text, &name, &agencies))
        .map_err(|e| format!("{}: {e}", paths.seed.display()))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Data { command: DataCommand::Build { paths, out_dir } } => {
            let parsed = parse(&paths)?;
            let json = policy_search::data::to_json(&parsed.dataset);
            let write = |name: &str, text: &str| {
                let path = out_dir.join(name);
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
            };
            write("policies.json", &json)?;
            write("REPORT.md", &report::markdown(&parsed))?;
            print!("{}", report::summary(&parsed));
            Ok(())
        }
        Command::Data { command: DataCommand::Check { paths, quiet } } => {
            let parsed = parse(&paths)?;
            if !quiet {
                print!("{}", report::details(&parsed));
            }
            print!("{}", report::summary(&parsed));
            let committed = Path::new(DATA_DIR).join("policies.json");
            let fresh = policy_search::data::to_json(&parsed.dataset);
            match std::fs::read_to_string(&committed) {
                Ok(old) if old == fresh => Ok(()),
                Ok(_) => Err(format!("{} is stale: run `policy-search data build`", committed.display())),
                Err(e) => Err(format!("{}: {e}: run `policy-search data build`", committed.display())),
            }
        }
    }
}
