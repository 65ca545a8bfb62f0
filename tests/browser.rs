//! The HTML pages in a real browser: headless Chromium loads the page, the page's own
//! script counts what the DOM holds (findings, highlights, links that lead nowhere), and
//! a screenshot of the seeds' coverage page is saved as target/coverage.png.
//!
//! Chromium comes from tests/browser/setup.sh. Without it the tests are skipped, except
//! in CI (the CI environment variable is set), where they fail.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One browser at a time: the machines that run the tests are small.
static BROWSER: Mutex<()> = Mutex::new(());

const TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium binary, or `None` when the test should be skipped.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
            .find(|candidate| candidate.is_file())
    });
    match found {
        Some(path) => Some(path),
        None if std::env::var_os("CI").is_some() => {
            panic!("chromium is not installed; CI must run tests/browser/setup.sh first")
        }
        None => {
            // Written past the test harness's capture, so that the skip is seen.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"skipping the browser test: chromium is not installed (tests/browser/setup.sh installs it)\n",
            );
            None
        }
    }
}

/// The build's target folder (target/ unless CARGO_TARGET_DIR says otherwise).
fn target_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map_or(tmp.clone(), Path::to_path_buf)
}

/// Runs headless Chromium on `page` with `extra` arguments, killing it after a timeout.
fn browse(chromium: &Path, page: &Path, extra: &[&str]) -> Output {
    let _one_at_a_time = BROWSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let profile = tempfile::tempdir().expect("a temporary browser profile");
    let url = format!("file://{}", page.display());
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        match child.try_wait().expect("chromium can be waited for") {
            Some(_) => break,
            None if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                panic!("chromium did not finish within {TIMEOUT:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    child.wait_with_output().expect("chromium's output")
}

/// The DOM after the page's script ran.
fn dump_dom(chromium: &Path, page: &Path) -> String {
    let output = browse(chromium, page, &["--dump-dom"]);
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        dom.contains("</html>"),
        "chromium printed no DOM; stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dom
}

/// The counts the page's script wrote into `<pre id="self-check">`.
fn self_check(dom: &str) -> BTreeMap<String, usize> {
    let start = dom
        .find("<pre id=\"self-check\">")
        .expect("the page has a self-check element")
        + "<pre id=\"self-check\">".len();
    let end = start + dom[start..].find("</pre>").expect("the element is closed");
    let text = &dom[start..end];
    let counts: BTreeMap<String, usize> = text
        .split_whitespace()
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            Some((key.to_string(), value.parse().ok()?))
        })
        .collect();
    assert!(
        counts.contains_key("findings"),
        "the page's script did not run: {text:?}"
    );
    counts
}

fn json_of(run: &common::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.transcript()))
}

#[test]
fn the_seeds_coverage_page_links_every_contradicted_claim_to_a_finding() {
    let Some(chromium) = chromium() else { return };
    let json = json_of(&common::run(&["coverage", "seeds/", "--format", "json"]));
    let findings = json["findings"].as_array().expect("findings").len();
    assert!(findings > 0, "the seeds contradict each other");

    let page = target_dir().join("coverage.html");
    let page_arg = page.to_string_lossy().into_owned();
    let run = common::run(&["coverage", "seeds/", "--format", "html", "-o", &page_arg]);
    assert_eq!(run.code, 0, "{}", run.transcript());

    let dom = dump_dom(&chromium, &page);
    let counts = self_check(&dom);
    assert_eq!(counts["findings"], findings, "{counts:?}");
    assert!(counts["contradicted"] > 0, "{counts:?}");
    assert!(counts["highlights"] >= counts["contradicted"], "{counts:?}");
    assert_eq!(counts["dangling"], 0, "links to nothing: {counts:?}");
    assert_eq!(
        counts["unlinked"], 0,
        "contradicted claims without a finding: {counts:?}"
    );
    assert_eq!(
        counts["unreferenced"], 0,
        "findings no claim links to: {counts:?}"
    );
    assert_eq!(
        counts["scripts"], 1,
        "only the page's own script: {counts:?}"
    );
    for n in 1..=findings {
        assert!(
            dom.contains(&format!(
                "<section class=\"finding error\" id=\"finding-{n}\">"
            )) || dom.contains(&format!("id=\"finding-{n}\"")),
            "finding {n} is on the page"
        );
    }

    let screenshot = target_dir().join("coverage.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = format!("--screenshot={}", screenshot.display());
    browse(&chromium, &page, &[&shot, "--window-size=1280,2000"]);
    let png = std::fs::read(&screenshot).expect("chromium saved the screenshot");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    assert!(png.len() > 10_000, "the screenshot is not blank");
}

#[test]
fn markup_in_an_article_stays_text_in_the_browser() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().expect("a temp dir");
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).expect("articles dir");
    for seed in ["000_dd6adfaaf19a2042.txt", "003_d672985098f4a494.txt"] {
        std::fs::copy(common::root().join("seeds").join(seed), articles.join(seed))
            .expect("copy a seed");
    }
    std::fs::write(
        articles.join("hostile.txt"),
        "John Legend and Kanye West stopped being friends because of political disagreements.\n\
         <script>document.title = 'pwned';</script>\n\
         <img src=x onerror=\"document.body.setAttribute('data-pwned', '1')\"> He said \"</pre><script>x()</script>\".\n",
    )
    .expect("write the hostile article");
    let page = dir.path().join("coverage.html");
    let page_arg = page.to_string_lossy().into_owned();
    let articles_arg = articles.to_string_lossy().into_owned();
    let rules = common::root().join("rules");
    let rules_arg = rules.to_string_lossy().into_owned();
    let run = common::run(&[
        "coverage",
        &articles_arg,
        "--rules",
        &rules_arg,
        "--format",
        "html",
        "-o",
        &page_arg,
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());

    let dom = dump_dom(&chromium, &page);
    let counts = self_check(&dom);
    assert_eq!(counts["scripts"], 1, "{counts:?}");
    assert_eq!(counts["dangling"], 0, "{counts:?}");
    assert!(
        dom.contains("<body>"),
        "an article's markup set an attribute on the body"
    );
    assert!(dom.contains("<title>Claim coverage</title>"));
    assert!(dom.contains("&lt;script&gt;document.title = 'pwned';&lt;/script&gt;"));
}

#[test]
fn the_audit_page_links_the_drafts_contradicted_claims_to_findings() {
    let Some(chromium) = chromium() else { return };
    let draft = "seeds/003_d672985098f4a494.txt";
    let json = json_of(&common::run(&[
        "audit",
        draft,
        "--against",
        "seeds/",
        "--format",
        "json",
    ]));
    let findings = json["findings"].as_array().expect("findings").len()
        + json["within_draft"].as_array().expect("within_draft").len();

    let dir = tempfile::tempdir().expect("a temp dir");
    let page = dir.path().join("audit.html");
    let page_arg = page.to_string_lossy().into_owned();
    let run = common::run(&[
        "audit",
        draft,
        "--against",
        "seeds/",
        "--format",
        "html",
        "-o",
        &page_arg,
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());

    let counts = self_check(&dump_dom(&chromium, &page));
    assert_eq!(counts["findings"], findings, "{counts:?}");
    assert!(counts["contradicted"] > 0, "{counts:?}");
    assert_eq!(counts["dangling"], 0, "{counts:?}");
    assert_eq!(counts["unlinked"], 0, "{counts:?}");
    assert_eq!(counts["unreferenced"], 0, "{counts:?}");
}
