//! Where the command line finds its files: an explicit flag, else an environment variable, else the
//! conventional path under the working directory — never a path of the machine that built the binary.

use std::path::Path;

use policy_search::data::Dataset;
use policy_search::index::Index;

/// The environment variable naming a built index to search.
pub const INDEX_ENV: &str = "POLICY_SEARCH_INDEX";
/// The environment variable naming a dataset to index in memory and search.
pub const DATA_ENV: &str = "POLICY_SEARCH_DATA";
/// Where the dataset is in a checkout, relative to its root.
pub const DATASET: &str = "data/policies.json";

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn load_dataset(path: &Path) -> Result<Dataset, String> {
    let bytes = read(path)?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: not a policy dataset: {e}", path.display()))
}

/// The index to search: the built one at `index` if given, else the dataset at `data` indexed in
/// memory. A missing default says where it looked and how to point elsewhere.
pub fn open_index(index: Option<&Path>, data: &Path) -> Result<Index, String> {
    if let Some(path) = index {
        return Index::from_bytes(&read(path)?).map_err(|e| format!("{}: {e}", path.display()));
    }
    if !data.exists() {
        let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
        return Err(format!(
            "{}: no such file (looked in {cwd}); give --data DATASET.json or --index FILE.idx, or set {DATA_ENV} or {INDEX_ENV}",
            data.display()
        ));
    }
    Ok(Index::of(&load_dataset(data)?))
}
