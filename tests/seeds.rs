//! The whole `claimcheck seeds/` run, and the claims found in each seed article.

mod common;

use claimcheck::check::article_claims;
use claimcheck::corpus::read_article;
use claimcheck::rules::RuleSet;

#[test]
fn seeds_report_is_stable() {
    let run = common::run(&["seeds/", "--color", "never"]);
    common::settings().bind(|| insta::assert_snapshot!("seeds_report", run.transcript()));
}

#[test]
fn seeds_fail_the_build_on_contradictions() {
    let run = common::run(&["seeds/", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    let never = common::run(&["seeds/", "--color", "never", "--fail-on", "never"]);
    assert_eq!(never.code, 0, "{}", never.transcript());
}

#[test]
fn claims_of_each_seed_article() {
    let rules = RuleSet::load_dir(&common::root().join("rules")).expect("the shipped rules load");
    common::settings().bind(|| {
        insta::glob!(common::root(), "seeds/*.txt", |path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("seed names are UTF-8");
            let article = read_article(path, name).expect("seed articles are readable");
            let lines: Vec<String> = article_claims(&article, &rules)
                .iter()
                .map(|c| {
                    format!(
                        "{}:{}:{} {} = {} ({}) “{}”",
                        c.path,
                        c.line,
                        c.column,
                        c.topic,
                        c.value.display(),
                        c.stance.as_str(),
                        c.text
                    )
                })
                .collect();
            let published = match &article.published {
                Some(p) => format!("published {} (from the {})", p.date, p.source),
                None => "no publication date".to_string(),
            };
            insta::assert_snapshot!(format!("{published}\n{}\n", lines.join("\n")));
        });
    });
}
