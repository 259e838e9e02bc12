//! The `policy-search` command line: builds and checks the dataset, builds the index, and searches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use policy_search::data::facts::{self, overrides::Outcome, overrides::Overrides};
use policy_search::data::{agency::AgencyTable, report, seed, Dataset};
use policy_search::index::Index;
use policy_search::search::{search, Filter, Query, Sort};

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
    /// Build a search index from a dataset (the schema of data/policies.json).
    Index {
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/policies.json"))]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Search, printing one JSON object. Without --index, builds the index of data/policies.json in memory.
    Search {
        /// Load this built index instead of building one.
        #[arg(long)]
        index: Option<PathBuf>,
        /// Print JSON (the only output format; accepted for clarity in scripts).
        #[arg(long)]
        json: bool,
        /// Hits to return.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// KEY=VALUE, repeatable: chapter, category, subcategory, year, agency, document, flag.
        #[arg(long = "filter")]
        filters: Vec<String>,
        /// relevance, newest or document_order.
        #[arg(long, default_value = "relevance")]
        sort: String,
        query: Vec<String>,
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
    /// The curated corrections to the facts rules.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/facts-overrides.tsv"))]
    overrides: PathBuf,
}

#[derive(Subcommand)]
enum DataCommand {
    /// Parse the seed, derive the facts, and write data/policies.json and data/REPORT.md.
    Build {
        #[command(flatten)]
        paths: DataPaths,
        /// Where to write the dataset and report.
        #[arg(long, default_value = DATA_DIR)]
        out_dir: PathBuf,
    },
    /// Parse the seed, print every anomaly and override, and fail on a bad override or a stale
    /// data/policies.json.
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

/// Writes to stdout; a reader that closed the pipe early (`| head`) is not an error.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
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

/// The seed parsed and its facts derived, with the overrides' audit.
fn build(paths: &DataPaths) -> Result<(seed::Parsed, Outcome), String> {
    let mut parsed = parse(paths)?;
    let tsv = String::from_utf8(read(&paths.overrides)?).map_err(|e| format!("{}: {e}", paths.overrides.display()))?;
    let outcome = facts::build(&mut parsed.dataset, &Overrides::parse(&tsv));
    Ok((parsed, outcome))
}

/// Fails, naming the file and each line, when the overrides file has errors.
fn check_overrides(paths: &DataPaths, outcome: &Outcome) -> Result<(), String> {
    match outcome.errors.len() {
        0 => Ok(()),
        n => {
            let lines: Vec<String> = outcome.errors.iter().map(|e| format!("{}: {e}", paths.overrides.display())).collect();
            Err(format!("{n} bad override(s):\n{}", lines.join("\n")))
        }
    }
}

fn load_dataset(path: &Path) -> Result<Dataset, String> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn run_search(index: Option<PathBuf>, limit: usize, filters: Vec<String>, sort: String, words: Vec<String>) -> Result<(), String> {
    let index = match index {
        Some(path) => Index::from_bytes(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?,
        None => Index::of(&load_dataset(&Path::new(DATA_DIR).join("policies.json"))?),
    };
    let filters = filters
        .iter()
        .map(|f| match f.split_once('=') {
            Some((key, value)) => Ok(Filter { key: key.to_string(), value: value.to_string() }),
            None => Err(format!("--filter {f:?}: expected KEY=VALUE")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sort: Sort = serde_json::from_value(serde_json::Value::String(sort.clone()))
        .map_err(|_| format!("--sort {sort:?}: expected relevance, newest or document_order"))?;
    let query = Query { text: words.join(" "), filters, sort, page: 0, page_size: limit.max(1) };
    let results = search(&index, &query);
    emit(&format!("{}\n", serde_json::to_string(&results).expect("results serialise")))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Index { input, out } => {
            let loaded = facts::load(&read(&input)?).map_err(|e| format!("{}: {e}", input.display()))?;
            if loaded.derived > 0 {
                eprintln!("{}: facts derived by the rules for {} points that had none", input.display(), loaded.derived);
            }
            let index = Index::of(&loaded.dataset);
            let bytes = index.to_bytes();
            std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            let parts: Vec<String> = index.part_sizes().iter().map(|(name, n)| format!("{name} {n}")).collect();
            println!(
                "{}: {} points, {} documents, {} bytes ({})",
                out.display(),
                index.points().len(),
                index.documents().len(),
                bytes.len(),
                parts.join(", ")
            );
            Ok(())
        }
        Command::Search { index, json: _, limit, filters, sort, query } => run_search(index, limit, filters, sort, query),
        Command::Data { command: DataCommand::Build { paths, out_dir } } => {
            let (parsed, outcome) = build(&paths)?;
            check_overrides(&paths, &outcome)?;
            let json = policy_search::data::to_json(&parsed.dataset);
            let write = |name: &str, text: &str| {
                let path = out_dir.join(name);
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
            };
            write("policies.json", &json)?;
            write("REPORT.md", &report::markdown(&parsed, &outcome))?;
            emit(&report::summary(&parsed))?;
            emit(&facts::report::counts(&parsed.dataset))?;
            emit(&facts::report::audit_summary(&outcome))?;
            Ok(())
        }
        Command::Data { command: DataCommand::Check { paths, quiet } } => {
            let (parsed, outcome) = build(&paths)?;
            if !quiet {
                emit(&report::details(&parsed))?;
                emit(&facts::report::audit(&outcome))?;
            }
            emit(&report::summary(&parsed))?;
            emit(&facts::report::counts(&parsed.dataset))?;
            emit(&facts::report::audit_summary(&outcome))?;
            check_overrides(&paths, &outcome)?;
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
