//! The `policy-search` command line: builds and checks the dataset, builds the index, and searches.
//! Paths default to the conventional ones under the working directory (see `cli::paths`).

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use cli::paths::{self, read, DATASET};
use policy_search::data::facts::{self, overrides::Outcome, overrides::Overrides};
use policy_search::data::{agency::AgencyTable, report, seed};
use policy_search::index::Index;
use policy_search::matching::{self, Profile};
use policy_search::search::request::{self, RequestError};
use policy_search::search::{search, Query, Sort};

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
        #[arg(long, default_value = DATASET)]
        input: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Also write the file's two parts, as the widget downloads them: OUT.head (all but the
        /// readings, enough for first results) and OUT.readings (pinyin, traditional characters).
        #[arg(long)]
        parts: bool,
    },
    /// Search the policies: a numbered list for reading, or the engine's JSON with --json.
    Search(SearchArgs),
    /// 政策匹配: the policies that apply to an enterprise described by a profile (JSON).
    Match(MatchArgs),
}

#[derive(clap::Args)]
struct Source {
    /// A built index to read (from `policy-search index`).
    #[arg(long, env = paths::INDEX_ENV)]
    index: Option<PathBuf>,
    /// Without --index: the dataset to index in memory.
    #[arg(long, env = paths::DATA_ENV, default_value = DATASET)]
    data: PathBuf,
}

#[derive(clap::Args)]
struct MatchArgs {
    #[command(flatten)]
    source: Source,
    /// The profile, `{region, entity, size, traits, industries, needs}` (every field optional), from
    /// a file or `-` for standard input.
    #[arg(long)]
    profile: PathBuf,
    /// Print the matches as one JSON object (for scripts).
    #[arg(long)]
    json: bool,
    /// Matches to show, 1–100.
    #[arg(long, default_value = "20", value_parser = parse_limit)]
    limit: usize,
    /// The date expiry is judged on, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_parser = parse_date)]
    today: Option<String>,
}

#[derive(clap::Args)]
struct SearchArgs {
    #[command(flatten)]
    source: Source,
    /// Print the engine's results as one JSON object (for scripts).
    #[arg(long)]
    json: bool,
    /// Hits per page, 1–100.
    #[arg(long, default_value = "10", value_parser = parse_limit)]
    limit: usize,
    /// key:value, repeatable; values of one key are alternatives (chapter:财税金融 chapter:人才支持).
    /// Keys: chapter, category, subcategory, year, agency, document, flag.
    #[arg(long = "filter", value_name = "KEY:VALUE")]
    filters: Vec<String>,
    /// The order of the hits.
    #[arg(long, default_value = "relevance", value_parser = parse_sort)]
    sort: Sort,
    /// The date statuses (有效 / 已到期) are judged on, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_parser = parse_date)]
    today: Option<String>,
    /// Mark the matches in colour: when the output is a terminal (auto), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// The query; several words are searched together. Empty lists every policy.
    query: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// clap reports a value parser's error with the flag and exits with 2, as for any usage error.
fn parse_limit(raw: &str) -> Result<usize, RequestError> {
    request::parse_page_size(raw)
}

fn parse_sort(raw: &str) -> Result<Sort, RequestError> {
    raw.parse()
}

fn parse_date(raw: &str) -> Result<String, RequestError> {
    request::date(raw)
}

#[derive(clap::Args)]
struct DataPaths {
    /// The seed text (the official list extracted from its PDF).
    #[arg(long, default_value = "data/seed.txt")]
    seed: PathBuf,
    /// The prefix → agency table.
    #[arg(long, default_value = "data/agencies.tsv")]
    agencies: PathBuf,
    /// The curated corrections to the facts rules.
    #[arg(long, default_value = "data/facts-overrides.tsv")]
    overrides: PathBuf,
}

#[derive(Subcommand)]
enum DataCommand {
    /// Parse the seed, derive the facts, and write data/policies.json and data/REPORT.md.
    Build {
        #[command(flatten)]
        paths: DataPaths,
        /// Where to write the dataset and report.
        #[arg(long, default_value = "data")]
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
        /// The committed dataset that must equal a fresh parse.
        #[arg(long, default_value = DATASET)]
        dataset: PathBuf,
    },
}

/// Why the command failed: a request the engine refuses is a usage error (exit 2, as clap's own);
/// anything else, such as a missing file, exits with 1.
enum Failure {
    Usage(String),
    Other(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Other(message)
    }
}

impl From<RequestError> for Failure {
    fn from(e: RequestError) -> Failure {
        Failure::Usage(e.to_string())
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("policy-search: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
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

fn run_search(args: SearchArgs) -> Result<(), Failure> {
    let index = paths::open_index(args.source.index.as_deref(), &args.source.data)?;
    let filters = args.filters.iter().map(|f| request::parse_filter(&index, f)).collect::<Result<Vec<_>, _>>()?;
    let text = args.query.join(" ");
    let today = Some(args.today.unwrap_or_else(cli::today::today));
    let query = Query { text: text.clone(), filters, sort: args.sort, page: 0, page_size: args.limit, today };
    let started = std::time::Instant::now();
    let results = search(&index, &query);
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    if args.json {
        return Ok(emit(&format!("{}\n", serde_json::to_string(&results).expect("results serialise")))?);
    }
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    Ok(emit(&cli::render::text(&index, &text, &results, 0, millis, color))?)
}

fn run_match(args: MatchArgs) -> Result<(), Failure> {
    let json = if args.profile.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| format!("standard input: {e}"))?;
        text
    } else {
        String::from_utf8(read(&args.profile)?).map_err(|e| format!("{}: {e}", args.profile.display()))?
    };
    let profile = Profile::from_json(&json).map_err(|e| Failure::Usage(format!("{}: {e}", args.profile.display())))?;
    let index = paths::open_index(args.source.index.as_deref(), &args.source.data)?;
    let today = args.today.unwrap_or_else(cli::today::today);
    let matches = matching::match_page(index.points(), &profile, &today, 0, args.limit);
    if args.json {
        return Ok(emit(&format!("{}\n", serde_json::to_string(&matches).expect("matches serialise")))?);
    }
    Ok(emit(&cli::render::matches(&index, &matches, &today))?)
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Index { input, out, parts: write_parts } => {
            let loaded = facts::load(&read(&input)?).map_err(|e| format!("{}: {e}", input.display()))?;
            if loaded.derived > 0 {
                eprintln!("{}: facts derived by the rules for {} points that had none", input.display(), loaded.derived);
            }
            let index = Index::of(&loaded.dataset);
            let bytes = index.to_bytes();
            let write = |path: &std::path::Path, bytes: &[u8]| std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()));
            write(&out, &bytes)?;
            if write_parts {
                let (head, readings) = index.to_parts();
                write(&out.with_extension("head"), &head)?;
                write(&out.with_extension("readings"), &readings)?;
            }
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
        Command::Search(args) => run_search(args),
        Command::Match(args) => run_match(args),
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
        Command::Data { command: DataCommand::Check { paths, quiet, dataset } } => {
            let (parsed, outcome) = build(&paths)?;
            if !quiet {
                emit(&report::details(&parsed))?;
                emit(&facts::report::audit(&outcome))?;
            }
            emit(&report::summary(&parsed))?;
            emit(&facts::report::counts(&parsed.dataset))?;
            emit(&facts::report::audit_summary(&outcome))?;
            check_overrides(&paths, &outcome)?;
            let committed = dataset;
            let fresh = policy_search::data::to_json(&parsed.dataset);
            match std::fs::read_to_string(&committed) {
                Ok(old) if old == fresh => Ok(()),
                Ok(_) => Err(format!("{} is stale: run `policy-search data build`", committed.display()).into()),
                Err(e) => Err(format!("{}: {e}: run `policy-search data build`", committed.display()).into()),
            }
        }
    }
}
