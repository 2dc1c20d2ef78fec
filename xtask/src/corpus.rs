//! The botocore 1.44.5 corpus: every AWS model and AWS's endpoint test cases, from one pinned
//! source archive fetched once into a cache and checked against its hash. Nothing of it is
//! vendored into the repository.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

/// The pinned botocore release.
pub const VERSION: &str = "1.44.5";

/// The source archive's file name as `pip download` saves it.
pub const ARCHIVE: &str = "botocore-1.44.5.tar.gz";

/// sha256 of [`ARCHIVE`].
pub const SHA256: &str = "a988f39e3a4484def0b8010f41128f71157da0515a4804fccce4739aa8f216da";

/// The cache folder: `$AWSGEN_CORPUS_DIR`, else `$XDG_CACHE_HOME/awsgen/corpus`, else
/// `$HOME/.cache/awsgen/corpus`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AWSGEN_CORPUS_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("awsgen").join("corpus")
}

/// The unpacked archive (`…/botocore-1.44.5`), fetching, checking and unpacking it first when
/// the cache does not hold it. No network is used when the cache is complete.
pub fn ensure() -> Result<PathBuf> {
    let cache = cache_dir();
    let unpacked = cache.join(format!("botocore-{VERSION}"));
    let marker = unpacked.join(".awsgen-verified");
    if marker.is_file() {
        return Ok(unpacked);
    }
    fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create the corpus cache {}", cache.display()))?;
    let archive = cache.join(ARCHIVE);
    if !archive.is_file() || check_hash(&archive).is_err() {
        download(&cache)?;
    }
    check_hash(&archive)?;
    // Unpack beside the final folder and rename, so an interrupted run leaves no half tree.
    let staging = cache.join(format!(".unpacking-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging)?;
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&staging)
        .status()
        .context("cannot run `tar` to unpack the botocore archive")?;
    if !status.success() {
        bail!("`tar -xzf {}` failed ({status})", archive.display());
    }
    let _ = fs::remove_dir_all(&unpacked);
    fs::rename(staging.join(format!("botocore-{VERSION}")), &unpacked)
        .context("the botocore archive does not hold the expected top folder")?;
    let _ = fs::remove_dir_all(&staging);
    fs::write(&marker, SHA256)?;
    Ok(unpacked)
}

fn download(cache: &Path) -> Result<()> {
    eprintln!(
        "fetching botocore {VERSION} (source archive) into {}",
        cache.display()
    );
    let python = std::env::var("AWSGEN_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
        ])
        .arg(format!("botocore=={VERSION}"))
        .arg("-d")
        .arg(cache)
        .status()
        .with_context(|| format!("cannot run `{python} -m pip download`"))?;
    if !status.success() {
        bail!("`pip download botocore=={VERSION}` failed ({status})");
    }
    Ok(())
}

fn check_hash(archive: &Path) -> Result<()> {
    let bytes = fs::read(archive).with_context(|| format!("cannot read {}", archive.display()))?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    if hex != SHA256 {
        bail!(
            "{} has sha256 {hex}, expected {SHA256}: delete it and run again",
            archive.display()
        );
    }
    Ok(())
}

/// One service of the corpus at its latest API version.
#[derive(Clone, Debug)]
pub struct CorpusModel {
    /// The folder name under `botocore/data` (`elasticache`).
    pub service: String,
    /// The latest API version (`2015-02-02`).
    pub api_version: String,
    /// The folder holding `service-2.json` and its companions.
    pub dir: PathBuf,
}

impl CorpusModel {
    /// `service-2.json`.
    pub fn model_path(&self) -> PathBuf {
        self.dir.join("service-2.json")
    }
}

/// Every service with a model, at its latest API version, sorted by service name. API versions
/// are dates (`2015-02-02`), so the greatest string is the latest.
pub fn latest_models(corpus: &Path) -> Result<Vec<CorpusModel>> {
    let data = corpus.join("botocore").join("data");
    let mut models = Vec::new();
    for entry in fs::read_dir(&data).with_context(|| format!("cannot read {}", data.display()))? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let service = entry.file_name().to_string_lossy().into_owned();
        let mut latest: Option<String> = None;
        for version in fs::read_dir(entry.path())? {
            let version = version?;
            if version.path().join("service-2.json").is_file() {
                let name = version.file_name().to_string_lossy().into_owned();
                if latest.as_deref().is_none_or(|l| name.as_str() > l) {
                    latest = Some(name);
                }
            }
        }
        if let Some(api_version) = latest {
            models.push(CorpusModel {
                dir: entry.path().join(&api_version),
                service,
                api_version,
            });
        }
    }
    models.sort_by(|a, b| a.service.cmp(&b.service));
    Ok(models)
}

/// AWS's endpoint test cases of `service` (`tests/functional/endpoint-rules/<service>/endpoint-tests-1.json`).
pub fn endpoint_tests(corpus: &Path, service: &str) -> PathBuf {
    corpus
        .join("tests")
        .join("functional")
        .join("endpoint-rules")
        .join(service)
        .join("endpoint-tests-1.json")
}

/// botocore's `partitions.json`, for the rules language's `aws.partition`.
pub fn partitions(corpus: &Path) -> PathBuf {
    corpus.join("botocore").join("data").join("partitions.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_version_wins_and_folders_without_a_model_are_ignored() {
        let root = std::env::temp_dir().join(format!("awsgen-corpus-test-{}", std::process::id()));
        let data = root.join("botocore").join("data");
        for dir in [
            "svc/2015-02-02",
            "svc/2021-01-01",
            "svc/2022-01-01",
            "other/2010-01-01",
        ] {
            fs::create_dir_all(data.join(dir)).unwrap();
        }
        fs::write(data.join("svc/2015-02-02/service-2.json"), "{}").unwrap();
        fs::write(data.join("svc/2021-01-01/service-2.json"), "{}").unwrap();
        // 2022-01-01 has no model (only companions, as some botocore folders do).
        fs::write(data.join("svc/2022-01-01/paginators-1.json"), "{}").unwrap();
        fs::write(data.join("partitions.json"), "{}").unwrap();
        let models = latest_models(&root).unwrap();
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(models.len(), 1, "{models:?}");
        assert_eq!(models[0].service, "svc");
        assert_eq!(models[0].api_version, "2021-01-01");
    }
}
