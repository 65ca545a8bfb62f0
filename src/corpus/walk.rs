//! Turning the paths given on the command line into a sorted list of article files.
//! Folders are walked the way ripgrep walks them: hidden files and ignored paths are
//! left out, symbolic links inside folders are not followed (but reported), and nothing
//! is read.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};

use ignore::WalkBuilder;

use super::Skipped;

/// The result of walking the command-line paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// Files to read, as (path to open, display path), sorted by display path and
    /// without duplicates.
    pub files: Vec<(PathBuf, String)>,
    /// Paths that exist but could not be walked (permission denied, symbolic link loops).
    pub skipped: Vec<Skipped>,
    /// Command-line paths that do not exist.
    pub missing: Vec<Skipped>,
}

/// Finds the article files named by `paths`: files are taken as given (even hidden
/// or ignored ones, and symbolic links), folders are walked.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut result = Walk::default();
    for given in paths {
        let display = display_path(given);
        match std::fs::metadata(given) {
            Ok(meta) if meta.is_dir() => walk_folder(given, &display, &mut result),
            // Anything else named explicitly (a file, a link to one, a named pipe) is
            // read as the user asked.
            Ok(_) => result.files.push((given.clone(), display)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let reason = if std::fs::symlink_metadata(given).is_ok() {
                    "broken symbolic link (its target does not exist)".to_string()
                } else {
                    io_reason(&err)
                };
                result.missing.push(Skipped {
                    path: display,
                    reason,
                });
            }
            Err(err) => result.skipped.push(Skipped {
                path: display,
                reason: io_reason(&err),
            }),
        }
    }

    result.files.sort_by(|a, b| a.1.cmp(&b.1));
    // A folder's walk yields each of its files once: only several paths can name one
    // file twice.
    if paths.len() > 1 {
        let mut seen = HashSet::with_capacity(result.files.len());
        result
            .files
            .retain(|(path, _)| seen.insert(lexical_key(path)));
    }
    result.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    result.skipped.dedup();
    result.missing.sort_by(|a, b| a.path.cmp(&b.path));
    result.missing.dedup();
    result
}

fn walk_folder(given: &Path, display: &str, result: &mut Walk) {
    // The walker reads a root named "-" as standard input; a folder of that name is
    // walked as "./-" instead.
    let root = if given == Path::new("-") {
        Path::new(".").join("-")
    } else {
        given.to_path_buf()
    };
    let display_root = display.trim_end_matches('/');
    let walker = WalkBuilder::new(&root)
        .hidden(true)
        .require_git(false)
        .follow_links(false)
        .build();
    // The display path of each folder on the way down from the root, by depth: the
    // walk yields a folder before what it holds, so a file's display path is its
    // folder's and its name.
    let mut folders: Vec<String> = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                let depth = entry.depth();
                let shown = || match depth.checked_sub(1).and_then(|up| folders.get(up)) {
                    Some(folder) => join_name(folder, entry.file_name()),
                    None => join_display(display_root, &root, entry.path()),
                };
                if file_type.is_dir() {
                    let shown = if depth == 0 {
                        display_root.to_string()
                    } else {
                        shown()
                    };
                    folders.truncate(depth);
                    // A folder whose own folder was not yielded (never so far) leaves
                    // what it holds to be shown from its path.
                    if folders.len() == depth {
                        folders.push(shown);
                    }
                } else if file_type.is_file() {
                    let shown = shown();
                    result.files.push((entry.into_path(), shown));
                } else if file_type.is_symlink() && depth > 0 {
                    // A folder named on the command line through a link is walked; a link
                    // inside it is not followed (a link can loop, or lead out of the
                    // folder), but said, so that an article behind it is not silently lost.
                    let shown = shown();
                    result.skipped.push(Skipped {
                        path: shown,
                        reason: "symbolic link, not followed inside a folder; name it on the command line to check it".to_string(),
                    });
                }
            }
            Err(err) => result.skipped.push(walk_error(&err, display_root, &root)),
        }
    }
}

/// The display path of a walked file: the folder as the user wrote it, then the path
/// below it with forward slashes.
fn join_display(display_root: &str, root: &Path, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        return display_path(path);
    };
    let mut shown = String::from(display_root);
    for component in relative.components() {
        if !shown.is_empty() && !shown.ends_with('/') {
            shown.push('/');
        }
        shown.push_str(&component.as_os_str().to_string_lossy());
    }
    shown
}

/// `name` below the folder shown as `folder`, joined as [`join_display`] joins them.
fn join_name(folder: &str, name: &OsStr) -> String {
    let name = name.to_string_lossy();
    let mut shown = String::with_capacity(folder.len() + 1 + name.len());
    shown.push_str(folder);
    if !shown.is_empty() && !shown.ends_with('/') {
        shown.push('/');
    }
    shown.push_str(&name);
    shown
}

fn display_path(path: &Path) -> String {
    let shown = path.to_string_lossy();
    if cfg!(windows) {
        shown.replace('\\', "/")
    } else {
        shown.into_owned()
    }
}

/// Two spellings of one path ("a/./b" and "a/b", or "dir/" walked and "dir/b" given)
/// must count once; `.` components are the only difference that is safe to remove
/// without touching the file system.
fn lexical_key(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

fn walk_error(err: &ignore::Error, display_root: &str, root: &Path) -> Skipped {
    let (path, reason) = describe(err);
    let path = match path {
        Some(path) => join_display(display_root, root, path),
        None => display_root.to_string(),
    };
    Skipped { path, reason }
}

/// The path an error is about (when known) and what went wrong, in plain words.
fn describe(err: &ignore::Error) -> (Option<&Path>, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (inner, reason) = describe(err);
            (Some(inner.unwrap_or(path)), reason)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err)
        }
        ignore::Error::Loop { ancestor, child } => (
            Some(child),
            format!(
                "symbolic link loop (it leads back to {})",
                display_path(ancestor)
            ),
        ),
        ignore::Error::Io(err) => (None, io_reason(err)),
        ignore::Error::Partial(errs) => match errs.first() {
            Some(first) => describe(first),
            None => (None, "could not be walked".to_string()),
        },
        other => (None, other.to_string()),
    }
}

/// An I/O error in plain words, without the operating system's error number.
pub(super) fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        io::ErrorKind::NotADirectory => "not a directory".to_string(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error ") {
                Some(at) => &text[..at],
                None => &text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "could not be read".to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, relative: &str, text: &str) {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("test folder can be created");
        }
        fs::write(path, text).expect("test file can be written");
    }

    fn shown(walk: &Walk) -> Vec<&str> {
        walk.files.iter().map(|(_, d)| d.as_str()).collect()
    }

    #[test]
    fn files_in_a_folder_are_sorted_by_display_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["c.txt", "a.txt", "sub/b.txt", "B.txt", "sub/a/z.txt"] {
            write(dir.path(), name, "x");
        }
        let root = dir.path().to_path_buf();
        let r = display_path(&root);
        let result = walk(std::slice::from_ref(&root));
        assert_eq!(
            shown(&result),
            vec![
                format!("{r}/B.txt"),
                format!("{r}/a.txt"),
                format!("{r}/c.txt"),
                format!("{r}/sub/a/z.txt"),
                format!("{r}/sub/b.txt"),
            ]
        );
        assert!(result.skipped.is_empty() && result.missing.is_empty());
    }

    #[test]
    fn display_path_keeps_the_folder_as_written_without_doubling_the_slash() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a.txt", "x");
        let with_slash = PathBuf::from(format!("{}/", display_path(dir.path())));
        let result = walk(&[with_slash]);
        assert_eq!(
            shown(&result),
            vec![format!("{}/a.txt", display_path(dir.path()))]
        );
    }

    #[test]
    fn display_paths_built_folder_by_folder_are_those_of_the_whole_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), ".gitignore", "skipped/\n");
        for name in [
            "a.txt",
            "one/b.txt",
            "one/two/c.txt",
            "one/two/three/d.txt",
            "one/z.txt",
            "skipped/e.txt",
            ".hidden/f.txt",
            "other/two/g.txt",
            "é ü/h.txt",
        ] {
            write(dir.path(), name, "x");
        }
        let root = display_path(dir.path());
        for given in [root.clone(), format!("{root}/"), format!("{root}/./one/..")] {
            let result = walk(&[PathBuf::from(&given)]);
            assert_eq!(result.files.len(), 7, "{given}: {:?}", shown(&result));
            let display_root = given.trim_end_matches('/');
            for (path, shown) in &result.files {
                let whole = join_display(display_root, Path::new(&given), path);
                assert_eq!(shown, &whole, "{given}");
            }
        }
    }

    #[test]
    fn hidden_files_and_folders_are_skipped_when_walking() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "seen.txt", "x");
        write(dir.path(), ".hidden.txt", "x");
        write(dir.path(), ".drafts/draft.txt", "x");
        let result = walk(&[dir.path().to_path_buf()]);
        assert_eq!(result.files.len(), 1);
        assert!(shown(&result)[0].ends_with("/seen.txt"));
    }

    #[test]
    fn a_hidden_file_named_on_the_command_line_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), ".hidden.txt", "x");
        let result = walk(&[dir.path().join(".hidden.txt")]);
        assert_eq!(result.files.len(), 1);
    }

    #[test]
    fn gitignore_and_ignore_files_are_honoured_outside_a_git_repository() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), ".gitignore", "drafts/\n*.bak\n");
        write(dir.path(), ".ignore", "notes.txt\n");
        write(dir.path(), "kept.txt", "x");
        write(dir.path(), "old.bak", "x");
        write(dir.path(), "notes.txt", "x");
        write(dir.path(), "drafts/draft.txt", "x");
        let result = walk(&[dir.path().to_path_buf()]);
        let files = shown(&result);
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].ends_with("/kept.txt"));
    }

    #[test]
    fn a_missing_path_is_reported_and_the_rest_still_walked() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a.txt", "x");
        let missing = dir.path().join("nope.txt");
        let result = walk(&[missing.clone(), dir.path().to_path_buf()]);
        assert_eq!(result.files.len(), 1);
        assert_eq!(
            result.missing,
            vec![Skipped {
                path: display_path(&missing),
                reason: "no such file or directory".to_string(),
            }]
        );
        assert!(result.skipped.is_empty());
    }

    #[test]
    fn a_file_found_twice_is_listed_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a.txt", "x");
        write(dir.path(), "b.txt", "x");
        let root = dir.path().to_path_buf();
        let dotted = root.join(".").join("a.txt");
        let result = walk(&[root.clone(), root.join("a.txt"), dotted, root]);
        assert_eq!(result.files.len(), 2, "{:?}", shown(&result));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_does_not_hang_the_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a/b/article.txt", "x");
        std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/b/loop"))
            .expect("symlink");
        std::os::unix::fs::symlink("self", dir.path().join("self")).expect("symlink");
        let result = walk(&[dir.path().to_path_buf()]);
        let files = shown(&result);
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].ends_with("/a/b/article.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_self_referencing_symlink_on_the_command_line_is_skipped_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("self");
        std::os::unix::fs::symlink("self", &link).expect("symlink");
        let result = walk(&[link]);
        assert!(result.files.is_empty());
        assert_eq!(result.skipped.len(), 1);
        assert!(
            result.skipped[0].reason.contains("symbolic links"),
            "{:?}",
            result.skipped
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_on_the_command_line_are_followed_but_not_inside_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "real/article.txt", "x");
        let outside = tempfile::tempdir().expect("temp dir");
        std::os::unix::fs::symlink(
            dir.path().join("real/article.txt"),
            outside.path().join("link.txt"),
        )
        .expect("symlink");
        std::os::unix::fs::symlink(dir.path().join("real"), outside.path().join("linkdir"))
            .expect("symlink");

        let inside = walk(&[outside.path().to_path_buf()]);
        assert!(inside.files.is_empty(), "{:?}", shown(&inside));
        let skipped: Vec<&str> = inside.skipped.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(skipped.len(), 2, "both links are reported: {skipped:?}");
        assert!(skipped[0].ends_with("/link.txt") && skipped[1].ends_with("/linkdir"));
        assert!(
            inside.skipped[0]
                .reason
                .starts_with("symbolic link, not followed")
        );

        let direct = walk(&[
            outside.path().join("link.txt"),
            outside.path().join("linkdir"),
        ]);
        let files = shown(&direct);
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(files[0].ends_with("/link.txt"));
        assert!(files[1].ends_with("/linkdir/article.txt"));
        assert!(
            direct.skipped.is_empty(),
            "a folder named through a link is not also reported as skipped: {:?}",
            direct.skipped
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_broken_symlink_on_the_command_line_is_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).expect("symlink");
        let result = walk(&[link]);
        assert_eq!(result.missing.len(), 1);
        assert!(result.missing[0].reason.starts_with("broken symbolic link"));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_skipped_with_a_reason() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "open/a.txt", "x");
        write(dir.path(), "locked/b.txt", "x");
        let locked = dir.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        let readable_anyway = fs::read_dir(&locked).is_ok();
        let result = walk(&[dir.path().to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        // Permissions do not stop the superuser; then the folder is simply walked.
        if readable_anyway {
            assert_eq!(result.files.len(), 2);
            return;
        }
        assert_eq!(result.files.len(), 1);
        assert_eq!(result.skipped.len(), 1, "{:?}", result.skipped);
        assert!(result.skipped[0].path.ends_with("/locked"));
        assert_eq!(result.skipped[0].reason, "permission denied");
    }

    #[test]
    fn io_reasons_are_plain_words_without_error_numbers() {
        let err = io::Error::from_raw_os_error(libc_eloop());
        let reason = io_reason(&err);
        assert!(!reason.contains("os error"), "{reason}");
        assert!(reason.chars().next().is_some_and(|c| c.is_lowercase()));
        assert_eq!(
            io_reason(&io::Error::from(io::ErrorKind::PermissionDenied)),
            "permission denied"
        );
    }

    fn libc_eloop() -> i32 {
        // ELOOP on Linux and the BSDs; on other systems any error number does.
        if cfg!(target_os = "linux") { 40 } else { 62 }
    }

    #[test]
    #[ignore = "slow: walks 100,000 files; run with --ignored to measure"]
    fn a_folder_of_a_hundred_thousand_files_is_walked_quickly() {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..100_000 {
            let sub = dir.path().join(format!("d{}", i % 100));
            if i < 100 {
                fs::create_dir(&sub).expect("mkdir");
            }
            fs::write(sub.join(format!("{i}.txt")), "x").expect("write");
        }
        let start = std::time::Instant::now();
        let result = walk(&[dir.path().to_path_buf()]);
        let took = start.elapsed();
        assert_eq!(result.files.len(), 100_000);
        assert!(took.as_secs() < 10, "took {took:?}");
    }
}
