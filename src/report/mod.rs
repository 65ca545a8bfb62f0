//! Rendering: findings and summaries as text for people. Each format is its own module;
//! none of them decides the exit code.

pub mod human;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::corpus::read_article_limited;
use crate::finding::Finding;

/// The text of the articles that findings cite, read again at render time so that the
/// engine need not keep every article in memory.
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<String, Arc<str>>,
}

impl Sources {
    /// Reads every article cited by `findings`. An article that can no longer be read
    /// is left out; its evidence is then shown without a snippet. No size limit applies:
    /// the check that made the findings already accepted these files.
    pub fn load(findings: &[Finding]) -> Sources {
        let mut texts = BTreeMap::new();
        for evidence in findings.iter().flat_map(|f| &f.evidence) {
            let path = &evidence.claim.path;
            if texts.contains_key(path) {
                continue;
            }
            if let Ok(article) = read_article_limited(Path::new(path), path, u64::MAX) {
                texts.insert(path.clone(), Arc::from(article.text));
            }
        }
        Sources { texts }
    }

    /// A source built from texts already in memory (for drafts and tests).
    pub fn from_texts(texts: impl IntoIterator<Item = (String, String)>) -> Sources {
        Sources {
            texts: texts.into_iter().map(|(p, t)| (p, Arc::from(t))).collect(),
        }
    }

    pub fn get(&self, path: &str) -> Option<Arc<str>> {
        self.texts.get(path).cloned()
    }
}
