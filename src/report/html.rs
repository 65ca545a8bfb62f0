//! The editors' reports as one self-contained HTML page: inline CSS, a few lines of inline
//! JavaScript, no network. Articles are shown with their claims highlighted by topic and
//! linked to the findings that cite them. All article text is escaped: it is untrusted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use crate::audit::{Audit, Status};
use crate::claim::{Claim, ClaimRef};
use crate::corpus::Article;
use crate::coverage::{CheckworthySentence, Coverage, TopicCoverage, is_contradiction};
use crate::finding::Finding;
use crate::reconcile::file_name;

use super::coverage::{covered, summary as coverage_summary};

/// Text made safe for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The coverage page: the topic × article table on top, then every article with its
/// claims highlighted, then the findings.
pub fn coverage(coverage: &Coverage, articles: &[Article]) -> String {
    let topics: Vec<&str> = coverage.topics.iter().map(|t| t.id.as_str()).collect();
    let views: Vec<ArticleView> = coverage
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let claims = coverage
                .claims
                .iter()
                .filter(|c| c.path == a.path)
                .collect();
            ArticleView::new(i, &a.path, claims)
        })
        .collect();
    let anchors = Anchors::new(&views);
    let mut body = String::new();

    let _ = writeln!(
        body,
        "<header><h1>Claim coverage</h1><p class=\"summary\">{}.</p></header>",
        escape(&coverage_summary(coverage))
    );
    body.push_str("<section id=\"coverage\"><h2>What each article says</h2>\n");
    coverage_table(&mut body, coverage);
    let _ = write!(
        body,
        "<p><strong>Articles no rule touched:</strong> {}</p>\n<p><strong>Topics that matched nothing:</strong> {}</p>\n</section>\n",
        list_or_none(&coverage.untouched_articles),
        list_or_none(&coverage.unmatched_topics),
    );
    legend(
        &mut body,
        coverage
            .topics
            .iter()
            .map(|t| (t.id.as_str(), t.title.as_str())),
    );

    body.push_str("<section id=\"articles\"><h2>Articles</h2>\n");
    for (view, article_coverage) in views.iter().zip(&coverage.articles) {
        let text = articles
            .iter()
            .find(|a| a.path == view.path)
            .map_or("", |a| a.text.as_str());
        let meta = format!(
            "{}; {} claims; {}",
            article_coverage
                .published
                .map_or("no publication date".to_string(), |d| format!(
                    "published {d}"
                )),
            article_coverage.claims,
            covered(
                article_coverage.covered,
                article_coverage.checkworthy,
                article_coverage.percent
            )
        );
        view.render(
            &mut body,
            text,
            &meta,
            &article_coverage.uncovered,
            &ViewContext::new(&topics, &coverage.findings, &|_| None),
        );
    }
    body.push_str("</section>\n");

    body.push_str("<section id=\"findings\"><h2>Findings</h2>\n");
    if coverage.findings.is_empty() {
        body.push_str("<p>None.</p>\n");
    }
    for (i, finding) in coverage.findings.iter().enumerate() {
        finding_section(&mut body, i, finding, &anchors);
    }
    body.push_str("</section>\n");
    page("Claim coverage", &body, topics.len())
}

/// The audit page: the draft's claims with their status, the draft with its claims
/// highlighted, and the findings that set it against the corpus.
pub fn audit(audit: &Audit, draft: &Article) -> String {
    let mut topics: Vec<&str> = Vec::new();
    for claim in &audit.claims {
        if !topics.contains(&claim.claim.topic.as_str()) {
            topics.push(&claim.claim.topic);
        }
    }
    let claims: Vec<&Claim> = audit.claims.iter().map(|c| &c.claim).collect();
    let view = ArticleView::new(0, &audit.draft.path, claims);
    let anchors = Anchors::new(std::slice::from_ref(&view));
    // Findings are numbered across both lists, so that ids stay unique.
    let findings: Vec<Finding> = audit
        .findings
        .iter()
        .chain(&audit.within_draft)
        .cloned()
        .collect();

    let mut body = String::new();
    let verdict_class = if audit.contradicts_corpus() {
        "verdict contradicted"
    } else {
        "verdict"
    };
    let _ = writeln!(
        body,
        "<header><h1>Audit of {}</h1><p class=\"summary\">{}</p><p class=\"{verdict_class}\">{}</p></header>",
        escape(file_name(&audit.draft.path)),
        escape(&super::audit::summary(audit)),
        escape(&super::audit::verdict(audit)),
    );

    body.push_str("<section id=\"claims\"><h2>Claims of the draft</h2>\n");
    if audit.claims.is_empty() {
        body.push_str("<p>No rule found a claim in the draft.</p>\n");
    } else {
        body.push_str("<table class=\"audit\"><thead><tr><th>Line</th><th>Topic</th><th>Claim</th><th>Status</th><th>Articles</th></tr></thead><tbody>\n");
        for audited in &audit.claims {
            let claim = &audited.claim;
            let topic = topic_index(&topics, &claim.topic);
            let anchor = anchors.get(claim_key(claim)).unwrap_or_default();
            let mut links = String::new();
            for &i in &audited.findings {
                let _ = write!(
                    links,
                    " <a href=\"#finding-{}\">finding {}</a>",
                    i + 1,
                    i + 1
                );
            }
            let _ = writeln!(
                body,
                "<tr class=\"{status}\"><td><a href=\"#{anchor}\">{line}:{column}</a></td><td><span class=\"swatch t{topic}\"></span><code>{id}</code></td><td>{value} ({stance}) <q>{text}</q></td><td><span class=\"status {status}\">{status}</span>{links}</td><td>{by}</td></tr>",
                status = audited.status.as_str(),
                anchor = escape(&anchor),
                line = claim.line,
                column = claim.column,
                id = escape(&claim.topic),
                value = escape(&claim.value.display()),
                stance = claim.stance.as_str(),
                text = escape(&claim.text),
                by = audit_by(audited),
            );
        }
        body.push_str("</tbody></table>\n");
    }
    let _ = write!(
        body,
        "<p><strong>Corpus:</strong> {}</p>\n</section>\n",
        list_or_none(&audit.corpus)
    );
    legend(&mut body, topics.iter().map(|t| (*t, *t)));

    body.push_str("<section id=\"articles\"><h2>The draft</h2>\n");
    let statuses: BTreeMap<(String, usize, usize, String), Status> = audit
        .claims
        .iter()
        .map(|c| (claim_key(&c.claim), c.status))
        .collect();
    let status_of = |claim: &Claim| statuses.get(&claim_key(claim)).map(|s| s.as_str());
    view.render(
        &mut body,
        &draft.text,
        &covered(
            audit.draft.covered,
            audit.draft.checkworthy,
            audit.draft.percent,
        ),
        &audit.draft.uncovered,
        &ViewContext::new(&topics, &findings, &status_of),
    );
    body.push_str("</section>\n");

    body.push_str("<section id=\"findings\"><h2>Findings</h2>\n");
    if findings.is_empty() {
        body.push_str("<p>None: the draft contradicts neither the corpus nor itself.</p>\n");
    }
    for (i, finding) in findings.iter().enumerate() {
        if i == audit.findings.len() {
            body.push_str("<h3>Within the draft</h3>\n");
        }
        finding_section(&mut body, i, finding, &anchors);
    }
    body.push_str("</section>\n");
    page(
        &format!("Audit of {}", file_name(&audit.draft.path)),
        &body,
        topics.len(),
    )
}

fn audit_by(audited: &crate::audit::AuditedClaim) -> String {
    let names = |paths: &[String]| -> String {
        paths
            .iter()
            .map(|p| escape(file_name(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if !audited.contradicted_by.is_empty() {
        parts.push(format!(
            "contradicted by {}",
            names(&audited.contradicted_by)
        ));
    }
    if !audited.corroborated_by.is_empty() {
        parts.push(format!(
            "corroborated by {}",
            names(&audited.corroborated_by)
        ));
    }
    if parts.is_empty() {
        parts.push(if audited.mentioned_by.is_empty() {
            "no article states anything on the topic".to_string()
        } else {
            format!(
                "on the topic, neither way: {}",
                names(&audited.mentioned_by)
            )
        });
    }
    parts.join("; ")
}

fn claim_key(claim: &Claim) -> (String, usize, usize, String) {
    (
        claim.path.clone(),
        claim.span.start,
        claim.span.end,
        claim.topic.clone(),
    )
}

/// [`claim_key`] of a claim read in its store.
fn ref_key(claim: ClaimRef<'_>) -> (String, usize, usize, String) {
    let span = claim.span();
    (
        claim.path().to_string(),
        span.start,
        span.end,
        claim.topic().to_string(),
    )
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items
            .iter()
            .map(|i| escape(i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn topic_index(topics: &[&str], id: &str) -> usize {
    topics.iter().position(|t| *t == id).unwrap_or(0) % PALETTE.len()
}

fn coverage_table(out: &mut String, coverage: &Coverage) {
    out.push_str("<div class=\"scroll\"><table class=\"coverage\"><thead><tr><th>Topic</th>");
    for (i, article) in coverage.articles.iter().enumerate() {
        let _ = write!(
            out,
            "<th><a href=\"#article-{}\" title=\"{}\">{}</a></th>",
            i + 1,
            escape(&article.path),
            escape(file_name(&article.path))
        );
    }
    out.push_str("<th>Majority</th><th>Agree</th><th>Disagree</th><th>Neither</th><th>Silent</th></tr></thead>\n<tbody>\n");
    for (t, topic) in coverage.topics.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><span class=\"swatch t{}\"></span><code>{}</code><div class=\"title\">{}</div></th>",
            t % PALETTE.len(),
            escape(&topic.id),
            escape(&topic.title)
        );
        for cell in &topic.cells {
            let class = agreement_of(topic, &cell.path);
            out.push_str(&format!("<td class=\"{class}\">"));
            for position in &cell.positions {
                let _ = write!(out, "<div>{}</div>", escape(&position.to_string()));
            }
            out.push_str("</td>");
        }
        let majority = topic
            .majority
            .as_ref()
            .map_or("none".to_string(), |m| m.position.to_string());
        let _ = writeln!(
            out,
            "<td>{}</td><td class=\"n\">{}</td><td class=\"n{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&majority),
            topic.agree.len(),
            if topic.disagree.is_empty() {
                ""
            } else {
                " bad"
            },
            topic.disagree.len(),
            topic.neither.len(),
            topic.silent.len(),
        );
    }
    out.push_str("</tbody></table></div>\n");
}

fn agreement_of(topic: &TopicCoverage, path: &str) -> &'static str {
    let has = |list: &[String]| list.iter().any(|p| p == path);
    if has(&topic.disagree) {
        "disagree"
    } else if has(&topic.agree) {
        "agree"
    } else if has(&topic.neither) {
        "neither"
    } else {
        "silent"
    }
}

fn legend<'a>(out: &mut String, topics: impl Iterator<Item = (&'a str, &'a str)>) {
    out.push_str("<section id=\"legend\"><h2>Legend</h2><ul class=\"legend\">\n");
    for (i, (id, title)) in topics.enumerate() {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch t{}\"></span>{}{}</li>",
            i % PALETTE.len(),
            escape(title),
            if id == title {
                String::new()
            } else {
                format!(" <code>{}</code>", escape(id))
            }
        );
    }
    out.push_str("<li><span class=\"sample contradicted\">claim</span> cited by a contradiction (links to it)</li>\n");
    out.push_str("<li><span class=\"sample uncovered\">sentence</span> check-worthy, but no rule covers it</li>\n");
    out.push_str("</ul></section>\n");
}

/// Where each claim is highlighted, for links from the findings.
struct Anchors {
    ids: BTreeMap<(String, usize, usize, String), String>,
}

impl Anchors {
    fn new(views: &[ArticleView]) -> Anchors {
        let mut ids = BTreeMap::new();
        for view in views {
            for cluster in &view.clusters {
                for claim in &cluster.claims {
                    ids.insert(claim_key(claim), cluster.id.clone());
                }
            }
        }
        Anchors { ids }
    }

    fn get(&self, key: (String, usize, usize, String)) -> Option<String> {
        self.ids.get(&key).cloned()
    }
}

/// Overlapping claims of one article, highlighted as one.
struct Cluster<'a> {
    id: String,
    span: Range<usize>,
    claims: Vec<&'a Claim>,
}

struct ArticleView<'a> {
    index: usize,
    path: String,
    clusters: Vec<Cluster<'a>>,
}

struct ViewContext<'a> {
    topics: &'a [&'a str],
    findings: &'a [Finding],
    /// The findings that cite each claim, by index.
    cited: BTreeMap<(String, usize, usize, String), Vec<usize>>,
    /// An extra class for a claim (the audit's status).
    status: &'a dyn Fn(&Claim) -> Option<&'static str>,
}

impl<'a> ViewContext<'a> {
    fn new(
        topics: &'a [&'a str],
        findings: &'a [Finding],
        status: &'a dyn Fn(&Claim) -> Option<&'static str>,
    ) -> ViewContext<'a> {
        let mut cited: BTreeMap<_, Vec<usize>> = BTreeMap::new();
        for (i, finding) in findings.iter().enumerate() {
            for evidence in &finding.evidence {
                let list = cited.entry(ref_key(evidence.claim)).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        ViewContext {
            topics,
            findings,
            cited,
            status,
        }
    }
}

impl<'a> ArticleView<'a> {
    fn new(index: usize, path: &str, mut claims: Vec<&'a Claim>) -> ArticleView<'a> {
        claims.sort_by_key(|c| (c.span.start, c.span.end));
        let mut clusters: Vec<Cluster> = Vec::new();
        for claim in claims {
            match clusters.last_mut() {
                Some(last) if claim.span.start < last.span.end => {
                    last.span.end = last.span.end.max(claim.span.end);
                    last.claims.push(claim);
                }
                _ => clusters.push(Cluster {
                    id: String::new(),
                    span: claim.span.clone(),
                    claims: vec![claim],
                }),
            }
        }
        for (i, cluster) in clusters.iter_mut().enumerate() {
            cluster.id = format!("a{}-c{}", index + 1, i + 1);
        }
        ArticleView {
            index,
            path: path.to_string(),
            clusters,
        }
    }

    fn render(
        &self,
        out: &mut String,
        text: &str,
        meta: &str,
        uncovered: &[CheckworthySentence],
        context: &ViewContext,
    ) {
        let _ = write!(
            out,
            "<article class=\"article\" id=\"article-{}\"><h3>{}</h3><p class=\"meta\">{}</p>\n<div class=\"text\">",
            self.index + 1,
            escape(&self.path),
            escape(meta)
        );
        enum Mark<'m, 'c> {
            Cluster(&'m Cluster<'c>),
            Uncovered(&'m CheckworthySentence),
        }
        let mut marks: Vec<(Range<usize>, Mark)> = self
            .clusters
            .iter()
            .map(|c| (c.span.clone(), Mark::Cluster(c)))
            .chain(
                uncovered
                    .iter()
                    .map(|s| (s.span.clone(), Mark::Uncovered(s))),
            )
            .collect();
        marks.sort_by_key(|(span, _)| (span.start, span.end));
        let mut cursor = 0;
        for (span, mark) in marks {
            // Defensive: a mark that overlaps one already written, or that does not fall
            // on character boundaries, is left unmarked.
            let (Some(before), Some(inner)) =
                (text.get(cursor..span.start), text.get(span.clone()))
            else {
                continue;
            };
            if span.start < cursor {
                continue;
            }
            out.push_str(&escape(before));
            match mark {
                Mark::Cluster(cluster) => render_cluster(out, cluster, inner, context),
                Mark::Uncovered(sentence) => {
                    let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
                    let _ = write!(
                        out,
                        "<span class=\"uncovered\" title=\"check-worthy ({}), no rule covers it\">{}</span>",
                        signals.join(", "),
                        escape(inner)
                    );
                }
            }
            cursor = span.end;
        }
        out.push_str(&escape(text.get(cursor..).unwrap_or("")));
        out.push_str("</div>\n");
        if !uncovered.is_empty() {
            let _ = write!(
                out,
                "<details><summary>{} no rule covers</summary><ul class=\"uncovered-list\">",
                if uncovered.len() == 1 {
                    "1 check-worthy sentence".to_string()
                } else {
                    format!("{} check-worthy sentences", uncovered.len())
                }
            );
            for sentence in uncovered {
                let signals: Vec<&str> = sentence.signals.iter().map(|s| s.as_str()).collect();
                let _ = write!(
                    out,
                    "<li>line {} ({}): {}</li>",
                    sentence.line,
                    signals.join(", "),
                    escape(&sentence.text)
                );
            }
            out.push_str("</ul></details>\n");
        }
        out.push_str("</article>\n");
    }
}

fn render_cluster(out: &mut String, cluster: &Cluster, inner: &str, context: &ViewContext) {
    let first = cluster.claims[0];
    let topic = topic_index(context.topics, &first.topic);
    let mut cited: Vec<usize> = cluster
        .claims
        .iter()
        .filter_map(|c| context.cited.get(&claim_key(c)))
        .flatten()
        .copied()
        .collect();
    cited.sort_unstable();
    cited.dedup();
    let contradicted = cited
        .iter()
        .any(|&i| is_contradiction(&context.findings[i]));
    let title: Vec<String> = cluster
        .claims
        .iter()
        .map(|c| format!("{}: {} ({})", c.topic, c.value.display(), c.stance.as_str()))
        .collect();
    let mut class = format!("claim t{topic}");
    if cluster.claims.len() > 1 {
        class.push_str(" several");
    }
    if let Some(status) = cluster.claims.iter().find_map(|c| (context.status)(c)) {
        class.push(' ');
        class.push_str(status);
    }
    if cited.is_empty() {
        let _ = write!(
            out,
            "<span class=\"{class}\" id=\"{}\" title=\"{}\">{}</span>",
            cluster.id,
            escape(&title.join("\n")),
            escape(inner)
        );
        return;
    }
    if contradicted {
        class.push_str(" contradicted");
    } else {
        class.push_str(" flagged");
    }
    let ids: Vec<String> = cited.iter().map(|i| format!("finding-{}", i + 1)).collect();
    let _ = write!(
        out,
        "<a class=\"{class}\" id=\"{}\" href=\"#{}\" data-findings=\"{}\" title=\"{}\">{}</a>",
        cluster.id,
        ids[0],
        ids.join(" "),
        escape(&title.join("\n")),
        escape(inner)
    );
}

fn finding_section(out: &mut String, index: usize, finding: &Finding, anchors: &Anchors) {
    let _ = write!(
        out,
        "<section class=\"finding {severity}\" id=\"finding-{n}\"><h3><span class=\"severity\">{severity}</span> {n}. {message}</h3>\n<p class=\"code\"><code>{code}</code> on <code>{topic}</code></p>\n<p class=\"help\">{help}</p>\n<ul class=\"evidence\">",
        severity = finding.severity.as_str(),
        n = index + 1,
        message = escape(&finding.message),
        code = escape(&finding.code),
        topic = escape(&finding.topic),
        help = escape(&finding.help),
    );
    for evidence in &finding.evidence {
        let claim = evidence.claim;
        let place = format!("{}:{}:{}", claim.path(), claim.line(), claim.column());
        let place = match anchors.get(ref_key(claim)) {
            Some(id) => format!("<a href=\"#{}\">{}</a>", escape(&id), escape(&place)),
            None => escape(&place),
        };
        let _ = write!(
            out,
            "<li>{place} {} <q>{}</q></li>",
            escape(evidence.label),
            escape(claim.text())
        );
    }
    out.push_str("</ul></section>\n");
}

/// Background colours of the topics, light enough to read text on.
const PALETTE: [&str; 12] = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#d9f99d",
    "#e9d5ff", "#c7d2fe", "#99f6e4", "#e7e5e4",
];

const STYLE: &str = r#"
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2937; margin: 0; background: #f9fafb; }
main { max-width: 1400px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
h3 { font-size: 1.05rem; margin: .5rem 0; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; }
.summary { color: #4b5563; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; background: #fff; font-size: .85rem; }
th, td { border: 1px solid #e5e7eb; padding: .3rem .45rem; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; position: sticky; top: 0; }
thead th a { word-break: break-all; }
tbody th { min-width: 11rem; } td { min-width: 5.5rem; }
th .title { font-weight: normal; color: #6b7280; font-size: .8rem; }
td.agree { background: #f0fdf4; } td.disagree { background: #fef2f2; color: #991b1b; box-shadow: inset 3px 0 0 #dc2626; }
td.neither { background: #fffbeb; } td.silent { background: #fff; }
td.n { text-align: right; min-width: 0; } td.bad { color: #b91c1c; font-weight: bold; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -1px; border: 1px solid #0002; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.article { background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
.meta { color: #6b7280; margin: 0 0 .5rem; font-size: .85rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.claim { border-radius: 3px; padding: 0 1px; color: inherit; text-decoration: none; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.claim.several { text-decoration: underline dotted; }
.claim.contradicted, .sample.contradicted { outline: 2px solid #dc2626; outline-offset: 1px; }
.claim.flagged { outline: 2px dashed #d97706; outline-offset: 1px; }
a.claim:hover { filter: brightness(.92); }
.uncovered, .sample.uncovered { text-decoration: underline wavy #9ca3af; text-underline-offset: 3px; }
.finding { background: #fff; border: 1px solid #e5e7eb; border-left: 4px solid #6b7280; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.finding.error { border-left-color: #dc2626; } .finding.warning { border-left-color: #d97706; } .finding.info { border-left-color: #2563eb; }
.finding:target { box-shadow: 0 0 0 3px #93c5fd; }
.severity { text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; color: #fff; background: #6b7280; border-radius: 3px; padding: 1px 5px; vertical-align: 2px; }
.error .severity { background: #dc2626; } .warning .severity { background: #d97706; } .info .severity { background: #2563eb; }
.code, .help { margin: .2rem 0; } .help { color: #374151; }
.evidence { margin: .3rem 0; padding-left: 1.2rem; font-size: .9rem; }
.status { font-weight: bold; } .status.contradicted { color: #b91c1c; } .status.corroborated { color: #15803d; } .status.unsupported { color: #6b7280; }
.verdict { font-weight: bold; color: #15803d; } .verdict.contradicted { color: #b91c1c; }
footer { color: #9ca3af; font-size: .75rem; } #self-check { margin: 0; }
"#;

/// Counts what the page holds, from the page itself, so that a browser test can check
/// that every highlight of a contradicted claim leads to a finding that exists.
const SCRIPT: &str = r##"
(function () {
  var ids = {};
  document.querySelectorAll('[id]').forEach(function (e) { ids[e.id] = true; });
  var dangling = 0, unlinked = 0, unreferenced = 0;
  document.querySelectorAll('a[href^="#"]').forEach(function (a) {
    if (!ids[a.getAttribute('href').slice(1)]) { dangling++; }
  });
  document.querySelectorAll('[data-findings]').forEach(function (e) {
    e.getAttribute('data-findings').split(' ').forEach(function (id) {
      var target = document.getElementById(id);
      if (!target || !target.classList.contains('finding')) { dangling++; }
    });
  });
  var contradicted = document.querySelectorAll('.claim.contradicted');
  contradicted.forEach(function (a) {
    var href = a.getAttribute('href');
    var target = href && document.getElementById(href.slice(1));
    if (!target || !target.classList.contains('finding')) { unlinked++; }
  });
  var findings = document.querySelectorAll('section.finding');
  findings.forEach(function (f) {
    if (!document.querySelector('[data-findings~="' + f.id + '"]')) { unreferenced++; }
  });
  document.getElementById('self-check').textContent =
    'findings=' + findings.length +
    ' highlights=' + document.querySelectorAll('.claim').length +
    ' contradicted=' + contradicted.length +
    ' dangling=' + dangling +
    ' unlinked=' + unlinked +
    ' unreferenced=' + unreferenced +
    ' scripts=' + document.querySelectorAll('script').length;
})();
"##;

fn page(title: &str, body: &str, topics: usize) -> String {
    let mut style = String::from(STYLE);
    for (i, colour) in PALETTE
        .iter()
        .enumerate()
        .take(topics.clamp(1, PALETTE.len()))
    {
        let _ = writeln!(style, ".t{i} {{ background: {colour}; }}");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n{}</main>\n<footer><main><pre id=\"self-check\">the page's self-check did not run</pre></main></footer>\n<script>{}</script>\n</body>\n</html>\n",
        escape(title),
        style,
        body,
        SCRIPT
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::testing::{CAUSE, article, rules};

    #[test]
    fn escape_turns_markup_into_text() {
        assert_eq!(
            escape("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("plain é"), "plain é");
    }

    fn hostile() -> (Vec<Article>, RuleSet) {
        // The bridge story's cause, with markup in its title.
        let rule = CAUSE.replace("Why the bridge fell", "Why <b>it</b> fell");
        assert!(rule.contains("<b>"));
        let rules = rules(&[("cause.toml", &rule)]);
        let articles = vec![
            article(
                "a<img src=x onerror=alert(1)>.txt",
                "<script>alert(1)</script> It fell because of rust.\n\"Rust,\" he said, \"</div><b>\".",
            ),
            article("b.txt", "A flood <i>destroyed</i> it in 1990."),
        ];
        (articles, rules)
    }

    #[test]
    fn article_text_paths_and_titles_are_escaped_in_the_page() {
        let (articles, rules) = hostile();
        let coverage = crate::coverage::coverage(&articles, &rules);
        let page = super::coverage(&coverage, &articles);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&lt;/div&gt;&lt;b&gt;"));
        assert!(page.contains("&lt;i&gt;destroyed&lt;/i&gt;"));
        assert!(page.contains("a&lt;img src=x onerror=alert(1)&gt;.txt"));
        assert!(page.contains("Why &lt;b&gt;it&lt;/b&gt; fell"));
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert!(!page.contains("<img"));
        assert!(!page.contains("<i>"));
    }

    #[test]
    fn contradicted_claims_link_to_findings_that_exist() {
        let (articles, rules) = hostile();
        let coverage = crate::coverage::coverage(&articles, &rules);
        assert_eq!(coverage.findings.len(), 1);
        let page = super::coverage(&coverage, &articles);
        assert!(page.contains("<section class=\"finding error\" id=\"finding-1\">"));
        assert!(page.contains("class=\"claim t0 contradicted\""));
        for link in page.split("href=\"#finding-").skip(1) {
            let id: String = link.chars().take_while(char::is_ascii_digit).collect();
            assert_eq!(id, "1");
        }
    }

    #[test]
    fn the_page_is_the_same_every_time() {
        let (articles, rules) = hostile();
        let first = super::coverage(&crate::coverage::coverage(&articles, &rules), &articles);
        let second = super::coverage(&crate::coverage::coverage(&articles, &rules), &articles);
        assert_eq!(first, second);
    }

    #[test]
    fn odd_texts_make_a_page_without_panicking() {
        let (_, rules) = hostile();
        let texts = [
            "",
            "\"",
            "“rust”\r\n\r\n\"",
            "💥 rust 💥 flood 💥\n\n«",
            "rust\u{0}flood",
            "é\u{301} flood, rust; 1e308 rust",
        ];
        for text in texts {
            let articles = vec![article("odd.txt", text)];
            let coverage = crate::coverage::coverage(&articles, &rules);
            let page = super::coverage(&coverage, &articles);
            assert!(page.ends_with("</html>\n"), "{text:?}");
        }
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let (articles, rules) = hostile();
        let page = super::coverage(&crate::coverage::coverage(&articles, &rules), &articles);
        for needle in ["http://", "https://", "src=\"", "<link"] {
            assert!(!page.contains(needle), "{needle}");
        }
    }
}
