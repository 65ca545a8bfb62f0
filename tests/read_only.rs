//! claimcheck never modifies what it reads: after a run (every output format, strict or
//! not, with skipped and missing files), every article has the same bytes and the same
//! modification time, and no file has appeared or gone.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("a readable folder") {
            let path = entry.expect("a folder entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_file() {
                let bytes = fs::read(&path).expect("a readable file");
                files.insert(path, (bytes, meta.modified().expect("a modification time")));
            }
        }
    }
    files
}

#[test]
fn checking_changes_no_article() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).expect("articles dir");
    for entry in fs::read_dir(common::root().join("seeds")).expect("seeds") {
        let path = entry.expect("a seed").path();
        let name = path.file_name().expect("a file name");
        fs::copy(&path, articles.join(name)).expect("copy a seed");
    }
    fs::write(
        articles.join("crlf.txt"),
        "Legend said West, 44, was upset.\r\n",
    )
    .expect("write");
    fs::write(articles.join("latin1.txt"), b"caf\xE9").expect("write");
    fs::write(articles.join("empty.txt"), b"").expect("write");
    // An old modification time, so that any write, however quick, would show.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for path in snapshot(dir.path()).keys() {
        fs::File::options()
            .write(true)
            .open(path)
            .and_then(|file| file.set_modified(old))
            .expect("set the modification time");
    }
    let before = snapshot(dir.path());
    assert!(before.len() >= 8);

    let mut runs = 0;
    for format in common::formats() {
        for strict in [false, true] {
            let mut args = vec!["articles", "missing.txt", "--color", "never"];
            if let Some(format) = &format {
                args.extend(["--format", format]);
            }
            if strict {
                args.push("--strict");
            }
            let run = common::run_in(dir.path(), &args);
            assert_eq!(
                run.code,
                2,
                "the missing path fails the run: {}",
                run.transcript()
            );
            runs += 1;
        }
    }
    assert!(runs >= 2);
    let after = snapshot(dir.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file appeared or disappeared"
    );
    for (path, (bytes, modified)) in &before {
        let (bytes_after, modified_after) = &after[path];
        assert!(bytes == bytes_after, "{} changed", path.display());
        assert_eq!(modified, modified_after, "{} was written", path.display());
        assert_eq!(*modified, old);
    }
}
