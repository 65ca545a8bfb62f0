//! Quotations in the engine: where each quotation of an article stands and its wording
//! reduced to word ids (kept small, identical wordings once, so that neither articles nor
//! quotations stay in memory), and the findings for utterances rendered differently.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

#[cfg(test)]
use super::find_quotations;
use super::matching::{
    HashKeyed, Lexicon, Place, Places, Plan, UtteranceWriter, Wordings, index_u32, plan_utterances,
    push_pattern,
};
use super::normalise::{WordReader, ascii_pattern, scan_words};
use super::{Class, Quotation};
use super::{find, speaker};
use std::sync::Arc;

use crate::chunked::Chunked;
use crate::claim::{Claim, ClaimId, ClaimStore, FastSet, Strings, Value};
use crate::corpus::read_article;
use crate::document::Document;
use crate::finding::{Evidences, Finding, Severity};
use crate::reconcile::finding_with;
use crate::text::stance::Stance;

/// The topic id under which quotation findings are reported.
pub const TOPIC: &str = "quotes";

/// How quotations are checked; `rules/quotes.toml` may set any of these.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuoteSettings {
    /// Check quotations at all.
    pub enabled: bool,
    /// Quotations with fewer words are titles or scare quotes, not utterances.
    pub min_words: usize,
    /// Severity of substituted, inserted or omitted words.
    pub misquote: Severity,
    /// Severity of a changed negation or number.
    pub altered: Severity,
    /// Report quotation marks that have no partner (as info).
    pub unbalanced: bool,
}

impl Default for QuoteSettings {
    fn default() -> QuoteSettings {
        QuoteSettings {
            enabled: true,
            min_words: super::UTTERANCE_MIN_WORDS,
            misquote: Severity::Warning,
            altered: Severity::Error,
            unbalanced: true,
        }
    }
}

/// The utterances of one article, reduced to what matching compares: no text is kept,
/// only word ids local to the article, ellipsis positions, spans and speakers. Made in
/// parallel, one per article, and gathered into [`QuoteSites`].
#[derive(Clone, Debug, Default)]
pub struct ArticleQuotes {
    /// Shared with the article's other records (see [`ArticleQuotes::path`]).
    path: Arc<str>,
    /// The article's distinct words in order of first appearance: the hash each is
    /// compared by, and (by the same index) its spelling pattern.
    hashes: Vec<u64>,
    patterns: Lexicon,
    /// Every utterance's words, as indices into `vocabulary`, one utterance after another.
    words: Vec<u32>,
    ellipsis: Vec<u32>,
    utterances: Vec<LocalUtterance>,
}

#[derive(Clone, Debug)]
struct LocalUtterance {
    words_end: usize,
    ellipsis_end: usize,
    said: u32,
    fingerprint: u64,
    start: u32,
    end: u32,
    line: u32,
    speaker: Option<Box<str>>,
}

impl ArticleQuotes {
    /// The article's path, one string that the article's other records share.
    pub fn path(&self) -> &Arc<str> {
        &self.path
    }

    /// How many utterances the article has.
    pub fn len(&self) -> usize {
        self.utterances.len()
    }

    /// True when the article has no utterance.
    pub fn is_empty(&self) -> bool {
        self.utterances.is_empty()
    }
}

/// Where one utterance stands, and which distinct wording it has: a fixed record with
/// no text, so that millions of them fit. Its article is not in it: the sites of an
/// article are added together, and [`QuoteSites::firsts`] says where each article's begin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Site {
    start: u32,
    wording: u32,
    /// Index into the speakers, or [`NO_SPEAKER`].
    speaker: u32,
    /// The quotation's length in bytes in the low half, and the 1-based line of its
    /// first byte (for when the article cannot be read again) in the high half. Both
    /// are [`WIDE`] when either does not fit: the site is then in [`QuoteSites::wide`].
    length_line: u32,
}

const NO_SPEAKER: u32 = u32::MAX;

/// A [`Site::length_line`] half that says the site's end and line are kept aside.
const WIDE: u32 = u16::MAX as u32;

/// The end and line of a site whose length or line does not fit in [`Site::length_line`]:
/// a quotation of more than 64 KiB, or one more than 65,534 lines down its article.
#[derive(Clone, Copy, Debug)]
struct Wide {
    site: u32,
    end: u32,
    line: u32,
}

// Millions of sites are kept: a site must stay a few words, never a string.
const _: () = assert!(std::mem::size_of::<Site>() <= 16);

/// An article quotations were found in, and where to read it again.
#[derive(Clone, Debug)]
struct Source {
    path: Arc<str>,
    /// Only when it is not `path` itself: an archive has hundreds of thousands of
    /// articles, and the two are nearly always the same.
    file: Option<Box<Path>>,
    /// The article's length in bytes, when its text may be its file's bytes as they are
    /// (it was UTF-8): see [`QuoteSites::read_in_place`].
    length_as_is: Option<u64>,
}

/// The utterances of every article checked: one small record each, identical wordings
/// kept once. Articles are added in order; findings are made from this alone, reading
/// again only the articles whose quotations make a finding.
#[derive(Debug, Default)]
pub struct QuoteSites {
    articles: Vec<Source>,
    speakers: Vec<Box<str>>,
    speaker_ids: HashMap<Box<str>, u32>,
    word_ids: HashKeyed<u32>,
    lexicon: Lexicon,
    wordings: Wordings,
    /// In chunks: an archive has millions.
    sites: Chunked<Site>,
    /// For each article (by its index in `articles`), the index of its first site.
    firsts: Vec<u32>,
    /// The sites whose length or line does not fit their record, in order of site.
    wide: Vec<Wide>,
    /// Reused to translate an article's word ids.
    scratch: Vec<u32>,
}

impl QuoteSites {
    /// Adds an article's utterances after those already added. `file` is where the
    /// article can be read again; without it, its display path is read. `length_as_is`
    /// is the article's length in bytes when its text was decoded from UTF-8.
    pub fn add(&mut self, file: Option<&Path>, quotes: ArticleQuotes, length_as_is: Option<u64>) {
        if quotes.utterances.is_empty() {
            return;
        }
        // Site indices are kept in four bytes (64 GiB of sites would not fit anyway).
        if u32::try_from(self.sites.len() + quotes.utterances.len()).is_err() {
            return;
        }
        let first = index_u32(self.sites.len());
        let ids: Vec<u32> = quotes
            .hashes
            .iter()
            .enumerate()
            .map(|(local, hash)| {
                *self
                    .word_ids
                    .entry(*hash)
                    .or_insert_with(|| self.lexicon.push(quotes.patterns.key(index_u32(local))))
            })
            .collect();
        let (mut words_start, mut ellipsis_start) = (0, 0);
        for utterance in &quotes.utterances {
            self.scratch.clear();
            self.scratch.extend(
                quotes.words[words_start..utterance.words_end]
                    .iter()
                    .map(|&local| ids[local as usize]),
            );
            let wording = self.wordings.intern(
                utterance.fingerprint,
                &self.scratch,
                &quotes.ellipsis[ellipsis_start..utterance.ellipsis_end],
                utterance.said,
            );
            (words_start, ellipsis_start) = (utterance.words_end, utterance.ellipsis_end);
            let speaker = match &utterance.speaker {
                None => NO_SPEAKER,
                Some(name) => match self.speaker_ids.get(name) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(self.speakers.len()).unwrap_or(NO_SPEAKER);
                        self.speakers.push(name.clone());
                        self.speaker_ids.insert(name.clone(), id);
                        id
                    }
                },
            };
            let length = utterance.end.saturating_sub(utterance.start);
            let length_line = if length < WIDE && utterance.line < WIDE {
                length | utterance.line << 16
            } else {
                self.wide.push(Wide {
                    site: index_u32(self.sites.len()),
                    end: utterance.end,
                    line: utterance.line,
                });
                WIDE | WIDE << 16
            };
            self.sites.push(Site {
                start: utterance.start,
                wording,
                speaker,
                length_line,
            });
        }
        self.firsts.push(first);
        let file = file.filter(|file| *file != Path::new(&*quotes.path));
        self.articles.push(Source {
            path: quotes.path,
            file: file.map(Box::from),
            length_as_is,
        });
    }

    /// How many utterances there are, over all articles.
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// True when no article had an utterance.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// How many distinct wordings the utterances have: each is kept once.
    pub fn wordings(&self) -> usize {
        self.wordings.len()
    }

    /// How many word ids are kept, over all distinct wordings.
    pub fn stored_words(&self) -> usize {
        self.wordings.stored_words()
    }

    /// Bytes kept for each utterance, besides its distinct wording.
    pub const SITE_BYTES: usize = std::mem::size_of::<Site>();

    fn speaker(&self, q: usize) -> Option<&str> {
        self.speakers
            .get(self.sites[q].speaker as usize)
            .map(|s| &**s)
    }

    fn path(&self, q: usize) -> &str {
        &self.articles[self.article_of(q)].path
    }

    /// The index of the article utterance `q` is in: the last whose first site is not
    /// after it.
    fn article_of(&self, q: usize) -> usize {
        self.firsts
            .partition_point(|&first| first as usize <= q)
            .saturating_sub(1)
    }

    /// Byte span of utterance `q` in its article.
    fn span(&self, q: usize) -> Range<usize> {
        let site = self.sites[q];
        match self.wide_site(q) {
            Some(wide) => site.start as usize..wide.end as usize,
            None => {
                let start = site.start as usize;
                start..start + (site.length_line & WIDE) as usize
            }
        }
    }

    /// 1-based line of utterance `q`'s first byte.
    fn line(&self, q: usize) -> usize {
        match self.wide_site(q) {
            Some(wide) => wide.line as usize,
            None => (self.sites[q].length_line >> 16) as usize,
        }
    }

    /// The end and line of utterance `q`, when they are kept aside.
    fn wide_site(&self, q: usize) -> Option<Wide> {
        if self.sites[q].length_line & WIDE != WIDE {
            return None;
        }
        let at = self.wide.partition_point(|wide| (wide.site as usize) < q);
        self.wide
            .get(at)
            .filter(|wide| wide.site as usize == q)
            .copied()
    }

    /// Where the words of `text` are written, when they are still those of utterance
    /// `q`'s wording: the same words in the same order, with the same ellipses.
    fn words_of(&self, q: usize, text: &str) -> Option<Vec<Place>> {
        let wording = self.sites[q].wording;
        let ids = self.wordings.ids(wording);
        let ellipsis = self.wordings.ellipsis(wording);
        let mut words = Vec::with_capacity(ids.len());
        let (mut same, mut ellipses) = (true, 0);
        let ellipsis_after = scan_words(text, |word| {
            let at = words.len();
            if word.ellipsis_before {
                same &= ellipsis.get(ellipses) == Some(&index_u32(at));
                ellipses += 1;
            }
            same &= ids
                .get(at)
                .is_some_and(|&id| self.word_ids.get(&word.key) == Some(&id));
            words.push(Place {
                span: word.span,
                bracketed: word.bracketed,
            });
        });
        if ellipsis_after {
            same &= ellipsis.get(ellipses) == Some(&index_u32(words.len()));
            ellipses += 1;
        }
        (same && words.len() == ids.len() && ellipses == ellipsis.len()).then_some(words)
    }

    /// For each of the utterances `wanted`, what `made` makes of it (given its index in
    /// `wanted`) with its text, read again from its article, in the order wanted: each
    /// article is read once, in parallel. An utterance whose article cannot be read, or
    /// no longer has its words there, is `None`.
    fn load<T: Send>(
        &self,
        wanted: &[usize],
        made: impl Fn(usize, QuoteSite) -> T + Sync,
    ) -> Vec<Option<T>> {
        let mut by_article: Vec<(usize, usize, usize)> = wanted
            .iter()
            .enumerate()
            .map(|(at, &q)| (self.article_of(q), q, at))
            .collect();
        by_article.sort_unstable();
        let groups: Vec<&[(usize, usize, usize)]> =
            by_article.chunk_by(|a, b| a.0 == b.0).collect();
        let found: Vec<(usize, T)> = groups
            .par_iter()
            .flat_map_iter(|group| {
                let source = &self.articles[group[0].0];
                let file = source
                    .file
                    .as_deref()
                    .unwrap_or_else(|| Path::new(&*source.path));
                let sites = self
                    .read_in_place(source, file, group, READ_WHOLE_UP_TO)
                    .unwrap_or_else(|| self.read_whole(source, file, group));
                let made = &made;
                sites
                    .into_iter()
                    .map(move |(at, site)| (at, made(at, site)))
            })
            .collect();
        let mut loaded: Vec<Option<T>> =
            std::iter::repeat_with(|| None).take(wanted.len()).collect();
        for (at, made) in found {
            loaded[at] = Some(made);
        }
        loaded
    }
}

impl QuoteSites {
    /// The utterances of `group` (one article's, as [`QuoteSites::load`] lists them)
    /// still worded as they were, each with its index in the list, from the whole text
    /// of the article read again.
    fn read_whole(
        &self,
        source: &Source,
        file: &Path,
        group: &[(usize, usize, usize)],
    ) -> Vec<(usize, QuoteSite)> {
        let text = read_article(file, &source.path)
            .map(|a| a.text)
            .unwrap_or_default();
        group
            .iter()
            .filter_map(|&(_, q, at)| {
                let span = self.span(q);
                let quoted = text.get(span.clone())?;
                let (line, column) = line_column(&text, span.start);
                Some((at, self.site(source, q, quoted, line, column)?))
            })
            .collect()
    }

    /// [`QuoteSites::read_whole`], reading only each quotation and what lies before it
    /// on its line, when the article's text was its file's bytes as they are and the
    /// file still has that length: then the text read whole would be those bytes, and
    /// the line is the one counted when the article was checked. `None`, for the whole
    /// article to be read, when that is not so or any bytes read are not as they would
    /// be in that text (not UTF-8, or not all there).
    fn read_in_place(
        &self,
        source: &Source,
        file: &Path,
        group: &[(usize, usize, usize)],
        whole_up_to: u64,
    ) -> Option<Vec<(usize, QuoteSite)>> {
        let length = source.length_as_is?;
        let mut bytes = FileBytes::open(file, length, whole_up_to)?;
        let mut sites = Vec::with_capacity(group.len());
        for &(_, q, at) in group {
            let span = self.span(q);
            if span.end as u64 > length {
                return None;
            }
            // Back from the quotation to the start of its line, a longer piece each time.
            let mut reach = bytes.first_reach();
            let (from, line_start, read) = loop {
                let from = span.start.saturating_sub(reach);
                let read = bytes.range(from..span.end)?;
                match memchr::memrchr(b'\n', &read[..span.start - from]) {
                    Some(i) => break (from, from + i + 1, read),
                    None if from == 0 => break (0, 0, read),
                    None => reach = reach.saturating_mul(8),
                }
            };
            let before = std::str::from_utf8(&read[line_start - from..span.start - from]).ok()?;
            let quoted = std::str::from_utf8(&read[span.start - from..]).ok()?;
            let column = before.chars().count() + 1;
            if let Some(site) = self.site(source, q, quoted, self.line(q), column) {
                sites.push((at, site));
            }
        }
        Some(sites)
    }

    /// Utterance `q` of `source` as read again, when `quoted` still has its wording.
    fn site(
        &self,
        source: &Source,
        q: usize,
        quoted: &str,
        line: usize,
        column: usize,
    ) -> Option<QuoteSite> {
        let words = self.words_of(q, quoted)?;
        Some(QuoteSite {
            path: source.path.clone(),
            quotation: Quotation {
                span: self.span(q),
                text: quoted.to_string(),
                speaker: self.speaker(q).map(str::to_string),
            },
            words,
            line,
            column,
        })
    }
}

/// How far before a quotation its line's start is first looked for, in bytes: a news
/// paragraph is a line, and most are shorter.
const LINE_REACH: usize = 1024;

/// A file at most this long is read whole, in one call, rather than piece by piece at
/// its quotations: most articles are a few kilobytes.
const READ_WHOLE_UP_TO: u64 = 64 * 1024;

/// The bytes of a file that must still have the length it had when it was checked: read
/// whole when it is short, else piece by piece where asked.
enum FileBytes {
    Whole(Vec<u8>),
    Pieces(File, Vec<u8>),
}

impl FileBytes {
    /// Opens the file, to be read whole when it is at most `whole_up_to` bytes long;
    /// `None` when it cannot be opened or no longer has `length` bytes.
    fn open(path: &Path, length: u64, whole_up_to: u64) -> Option<FileBytes> {
        let file = File::open(path).ok()?;
        if length <= whole_up_to {
            // One byte more than expected tells a file that has grown.
            let mut bytes = Vec::with_capacity(usize::try_from(length).ok()? + 1);
            file.take(length + 1).read_to_end(&mut bytes).ok()?;
            return (bytes.len() as u64 == length).then_some(FileBytes::Whole(bytes));
        }
        if file.metadata().ok()?.len() != length {
            return None;
        }
        Some(FileBytes::Pieces(file, Vec::new()))
    }

    /// How far before a quotation to look for its line's start first: all the way when
    /// the whole file is at hand.
    fn first_reach(&self) -> usize {
        match self {
            FileBytes::Whole(_) => usize::MAX,
            FileBytes::Pieces(..) => LINE_REACH,
        }
    }

    /// Bytes `range` of the file; `None` when they are not all there.
    fn range(&mut self, range: Range<usize>) -> Option<&[u8]> {
        match self {
            FileBytes::Whole(bytes) => bytes.get(range),
            FileBytes::Pieces(file, bytes) => {
                bytes.clear();
                bytes.resize(range.len(), 0);
                file.seek(SeekFrom::Start(range.start as u64)).ok()?;
                file.read_exact(bytes).ok()?;
                Some(bytes)
            }
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let column = text
        .get(line_start..offset)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

impl Places for QuoteSites {
    fn count(&self) -> usize {
        self.sites.len()
    }

    fn wording(&self, q: usize) -> Option<u32> {
        Some(self.sites[q].wording)
    }

    fn article(&self, q: usize) -> usize {
        self.article_of(q)
    }

    fn start(&self, q: usize) -> usize {
        self.sites[q].start as usize
    }
}

/// A quotation read again, with where it stands in its article.
#[derive(Clone, Debug)]
struct QuoteSite {
    path: Arc<str>,
    quotation: Quotation,
    /// Where the quotation's words are written in its text.
    words: Vec<Place>,
    /// 1-based line and column of the quotation's first byte.
    line: usize,
    column: usize,
}

impl QuoteSite {
    /// 1-based line and column of a byte offset inside the quotation's text.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = self.quotation.text.get(..offset).unwrap_or("");
        match before.rfind('\n') {
            None => (self.line, self.column + before.chars().count()),
            Some(i) => (
                self.line + before.matches('\n').count(),
                before[i + 1..].chars().count() + 1,
            ),
        }
    }

    /// A claim standing for the part `range` (relative to the quotation) of this quotation.
    fn claim(&self, range: Range<usize>) -> Claim {
        let start = self.quotation.span.start;
        let (line, column) = self.position(range.start);
        Claim {
            topic: TOPIC.to_string(),
            value: Value::Quote {
                speaker: self.quotation.speaker.clone(),
            },
            stance: Stance::Asserted,
            path: self.path.to_string(),
            text: self
                .quotation
                .text
                .get(range.clone())
                .unwrap_or("")
                .to_string(),
            span: start + range.start..start + range.end,
            line,
            column,
            sentence: self.quotation.span.clone(),
        }
    }
}

/// The utterances of a document (quotations long enough to compare), reduced to what
/// matching needs, and a finding for its unbalanced quotation marks, if any.
pub fn sites(doc: &Document, settings: &QuoteSettings) -> (ArticleQuotes, Option<Unbalanced>) {
    let mut quotes = ArticleQuotes {
        path: doc.path.into(),
        ..ArticleQuotes::default()
    };
    if !settings.enabled {
        return (quotes, None);
    }
    let body_start = doc
        .sentences
        .first()
        .map_or(doc.text.len(), |s| s.span.start);
    // The quotations are read where they stand in the text, not copied out of it.
    let body = &doc.text[body_start..];
    let scan = find::scan(body);
    // Shorter quotations are never matched, whatever the settings say.
    let min_words = settings.min_words.max(super::UTTERANCE_MIN_WORDS);
    // Some five bytes of quotation make a word, and about a third of an article's quoted
    // words are distinct: sized from the bytes of its outermost quotations, the words,
    // the distinct words and the table of them seldom need to grow.
    let quoted_bytes: usize = scan
        .found
        .iter()
        .filter(|found| found.depth == 0)
        .map(|found| found.content.len())
        .sum();
    quotes.words.reserve(quoted_bytes / 5);
    quotes.hashes.reserve(quoted_bytes / 14);
    quotes.patterns = Lexicon::with_capacity(quoted_bytes / 14, quoted_bytes / 2);
    quotes.utterances.reserve(scan.found.len());
    // The table of ids lives only while the article is read, so it is given room for
    // more than the third, which half the articles exceed.
    let mut reader = UtteranceReader::new(min_words, quoted_bytes / 11);
    // Which quotation each utterance is: only utterances are given speakers.
    let mut utterance_of = vec![false; scan.found.len()];
    for (index, found) in scan.found.iter().enumerate() {
        let span = found.content.start + body_start..found.content.end + body_start;
        let (Ok(start), Ok(end)) = (u32::try_from(span.start), u32::try_from(span.end)) else {
            continue;
        };
        let Some((said, fingerprint)) = reader.read(&mut quotes, &body[found.content.clone()])
        else {
            continue;
        };
        quotes.utterances.push(LocalUtterance {
            words_end: quotes.words.len(),
            ellipsis_end: quotes.ellipsis.len(),
            said,
            fingerprint,
            start,
            end,
            line: u32::try_from(doc.line(span.start)).unwrap_or(u32::MAX),
            speaker: None,
        });
        utterance_of[index] = true;
    }
    let speakers = speaker::attribute_wanted(body, &scan.found, |index| utterance_of[index]);
    let speakers = speakers
        .into_iter()
        .zip(&utterance_of)
        .filter_map(|(speaker, &utterance)| utterance.then_some(speaker));
    for (utterance, speaker) in quotes.utterances.iter_mut().zip(speakers) {
        utterance.speaker = speaker.map(String::into_boxed_str);
    }
    let unbalanced = (settings.unbalanced && !scan.unbalanced.is_empty()).then(|| {
        let marks = scan
            .unbalanced
            .iter()
            .map(|mark| {
                let span = mark.start + body_start..mark.end + body_start;
                let (line, column) = doc.line_column(span.start);
                let sentence = doc
                    .sentence_at(span.start)
                    .map_or(span.clone(), |i| doc.sentences[i].span.clone());
                let mark = Mark {
                    span: [index_u32(span.start), index_u32(span.end)],
                    line: index_u32(line),
                    column: index_u32(column),
                    sentence: [index_u32(sentence.start), index_u32(sentence.end)],
                };
                (mark, Box::from(doc.span_text(&span)))
            })
            .collect();
        Unbalanced {
            path: quotes.path.clone(),
            marks,
        }
    });
    (quotes, unbalanced)
}

/// Reads the words of an article's quotations into its [`ArticleQuotes`], giving each
/// distinct word of the article's utterances an id in order of first appearance.
struct UtteranceReader {
    min_words: usize,
    ids: WordIds,
    /// The first words of the quotation being read, and the patterns of those not read
    /// in place: they are kept until the quotation has enough words to be an utterance,
    /// so that a shorter one adds nothing; the words after them are added as read.
    words: Vec<ReadWord>,
    built: String,
    /// Where a word's pattern is made when it is not in the text as written.
    scratch: String,
    bracketed: String,
}

/// A word of a quotation as read: its key, and where its pattern is.
#[derive(Clone, Copy)]
struct ReadWord {
    key: u64,
    /// The span of the word's pattern: in [`UtteranceReader::built`] when `built`, else
    /// in the quotation, as written in ASCII letters and digits of any case.
    start: u32,
    end: u32,
    built: bool,
    /// Not built, and its pattern is the quotation's bytes as they are.
    as_written: bool,
    bracketed: bool,
}

/// The wording of the utterance being read, as its words are added.
#[derive(Default)]
struct Wording {
    fingerprint: Fingerprint,
    said: u32,
}

impl UtteranceReader {
    fn new(min_words: usize, distinct_words: usize) -> UtteranceReader {
        UtteranceReader {
            min_words,
            ids: WordIds::with_capacity(distinct_words),
            words: Vec::new(),
            built: String::new(),
            scratch: String::with_capacity(64),
            bracketed: String::new(),
        }
    }

    /// Adds the words of `quotation` to `quotes` when it has enough of them to be an
    /// utterance, and returns how many of them were said (outside square brackets) and
    /// the fingerprint of its wording.
    fn read(&mut self, quotes: &mut ArticleQuotes, quotation: &str) -> Option<(u32, u64)> {
        let ellipsis_start = quotes.ellipsis.len();
        self.words.clear();
        self.built.clear();
        let mut wording = Wording::default();
        let mut count = 0usize;
        let mut reader = WordReader::new(quotation);
        while let Some(word) = reader.next_word() {
            if word.ellipsis_before {
                quotes.ellipsis.push(index_u32(count));
            }
            count += 1;
            if count > self.min_words {
                let id = self.ids.id_or_insert(word.key, quotes, || {
                    let pattern = word.pattern(&mut self.scratch);
                    stored_pattern(pattern, word.bracketed, &mut self.bracketed)
                });
                wording.add(quotes, word.key, word.bracketed, id);
                continue;
            }
            let (start, end, built) = match word.built_pattern() {
                None => (word.span.start, word.span.end, false),
                Some(pattern) => {
                    let start = self.built.len();
                    self.built.push_str(pattern);
                    (start, self.built.len(), true)
                }
            };
            self.words.push(ReadWord {
                key: word.key,
                start: index_u32(start),
                end: index_u32(end),
                built,
                as_written: word.pattern_as_written(),
                bracketed: word.bracketed,
            });
            if count == self.min_words {
                self.add_first_words(quotes, quotation, &mut wording);
            }
        }
        if count < self.min_words {
            quotes.ellipsis.truncate(ellipsis_start);
            return None;
        }
        if reader.ellipsis_after() {
            quotes.ellipsis.push(index_u32(count));
        }
        Some((
            wording.said,
            wording
                .fingerprint
                .finish(count, &quotes.ellipsis[ellipsis_start..]),
        ))
    }

    /// Adds the words kept in [`UtteranceReader::words`], once the quotation is known to
    /// be long enough.
    fn add_first_words(
        &mut self,
        quotes: &mut ArticleQuotes,
        quotation: &str,
        wording: &mut Wording,
    ) {
        for word in &self.words {
            let span = word.start as usize..word.end as usize;
            let id = self.ids.id_or_insert(word.key, quotes, || {
                let pattern = if word.built {
                    self.built.get(span).unwrap_or("")
                } else {
                    ascii_pattern(quotation, span, word.as_written, &mut self.scratch)
                };
                stored_pattern(pattern, word.bracketed, &mut self.bracketed)
            });
            wording.add(quotes, word.key, word.bracketed, id);
        }
    }
}

impl Wording {
    fn add(&mut self, quotes: &mut ArticleQuotes, key: u64, bracketed: bool, id: u32) {
        self.fingerprint.word(key);
        self.said += u32::from(!bracketed);
        quotes.words.push(id);
    }
}

/// The pattern kept for a word of `pattern` (see `matching::push_pattern`), made in
/// `bracketed` when the word is.
fn stored_pattern<'s>(pattern: &'s str, is_bracketed: bool, bracketed: &'s mut String) -> &'s str {
    if !is_bracketed {
        return pattern;
    }
    bracketed.clear();
    push_pattern(bracketed, pattern, true);
    bracketed
}

/// The ids of an article's distinct words by their hashes: open addressing over a table
/// of a power of two slots, at most half full. The hashes are hashes already, and the
/// table is looked up once for every word quoted.
struct WordIds {
    /// (hash, id), or [`WordIds::EMPTY`] for the id of a free slot.
    slots: Vec<(u64, u32)>,
    /// How far a hash's product is shifted down to index the table.
    shift: u32,
    len: usize,
}

impl WordIds {
    const EMPTY: u32 = u32::MAX;

    fn with_capacity(words: usize) -> WordIds {
        let slots = (words * 2).next_power_of_two().max(64);
        WordIds {
            slots: vec![(0, Self::EMPTY); slots],
            shift: 64 - slots.trailing_zeros(),
            len: 0,
        }
    }

    /// The id of the word with hash `key`; a word without one is added to `quotes`
    /// with the pattern `pattern` makes, under the next id.
    #[inline]
    fn id_or_insert<'p>(
        &mut self,
        key: u64,
        quotes: &mut ArticleQuotes,
        pattern: impl FnOnce() -> &'p str,
    ) -> u32 {
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(key);
        loop {
            // `slot_of` and the mask keep `at` inside the table.
            let (known, id) = self.slots[at];
            if id == Self::EMPTY {
                break;
            }
            if known == key {
                return id;
            }
            at = (at + 1) & mask;
        }
        // Ids count the distinct words, which are far fewer than 2^32 - 1.
        let id = quotes.patterns.push(pattern());
        quotes.hashes.push(key);
        self.slots[at] = (key, id);
        self.len += 1;
        if self.len * 2 >= self.slots.len() {
            self.grow();
        }
        id
    }

    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let size = old.len() * 2;
        self.slots = vec![(0, Self::EMPTY); size];
        self.shift = 64 - size.trailing_zeros();
        let mask = size - 1;
        for (key, id) in old.into_iter().filter(|&(_, id)| id != Self::EMPTY) {
            let mut at = self.slot_of(key);
            while self.slots[at].1 != Self::EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = (key, id);
        }
    }
}

/// A hash of an utterance's wording, made as its words are read: equal wordings (the
/// same word hashes and ellipses) have equal fingerprints.
struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint(0x243f_6a88_85a3_08d3)
    }
}

impl Fingerprint {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn word(&mut self, hash: u64) {
        self.0 = (self.0.rotate_left(23) ^ hash).wrapping_mul(Self::MULTIPLIER);
    }

    fn finish(mut self, words: usize, ellipsis: &[u32]) -> u64 {
        self.word(words as u64);
        for &at in ellipsis {
            self.word(u64::from(at));
        }
        self.0 ^ (self.0 >> 29)
    }
}

/// The fingerprint of a wording of `hashes` with `ellipsis`, as [`Fingerprint`] makes it.
#[cfg(test)]
fn fingerprint_of(hashes: &[u64], ellipsis: &[u32]) -> u64 {
    let mut fingerprint = Fingerprint::default();
    for &hash in hashes {
        fingerprint.word(hash);
    }
    fingerprint.finish(hashes.len(), ellipsis)
}

/// The sites of an article as first made, each quotation copied out of the text and
/// every word's pattern kept until its quotation is known to be long enough: the sites
/// made now must be the same.
#[cfg(test)]
mod sites_reference {
    use super::super::matching::{Reduced, key_hash};
    use super::*;
    use crate::kinds::quote::find_quotations;

    pub fn sites(doc: &Document, settings: &QuoteSettings) -> (ArticleQuotes, Option<Unbalanced>) {
        let mut quotes = ArticleQuotes {
            path: doc.path.into(),
            ..ArticleQuotes::default()
        };
        if !settings.enabled {
            return (quotes, None);
        }
        let body_start = doc
            .sentences
            .first()
            .map_or(doc.text.len(), |s| s.span.start);
        let scan = find_quotations(&doc.text[body_start..]);
        // Shorter quotations are never matched, whatever the settings say.
        let min_words = settings
            .min_words
            .max(crate::kinds::quote::UTTERANCE_MIN_WORDS);
        let mut local: HashKeyed<u32> = HashKeyed::default();
        // One quotation's words, kept until it is known to be long enough.
        let (mut hashes, mut ellipsis, mut patterns, mut ends) =
            (Vec::new(), Vec::new(), String::new(), Vec::new());
        for quotation in scan.quotations {
            hashes.clear();
            ellipsis.clear();
            patterns.clear();
            ends.clear();
            let mut said = 0u32;
            let ellipsis_after = scan_words(&quotation.text, |word| {
                let word = word.to_word();
                if word.ellipsis_before {
                    ellipsis.push(index_u32(hashes.len()));
                }
                hashes.push(key_hash(&word.text, word.bracketed));
                push_pattern(&mut patterns, &word.pattern, word.bracketed);
                ends.push(patterns.len());
                said += u32::from(!word.bracketed);
            });
            if hashes.len() < min_words {
                continue;
            }
            if ellipsis_after {
                ellipsis.push(index_u32(hashes.len()));
            }
            let span = quotation.span.start + body_start..quotation.span.end + body_start;
            let (Ok(start), Ok(end)) = (u32::try_from(span.start), u32::try_from(span.end)) else {
                continue;
            };
            let reduced = Reduced {
                hashes: std::mem::take(&mut hashes),
                ellipsis: std::mem::take(&mut ellipsis),
                said,
            };
            for (i, &hash) in reduced.hashes.iter().enumerate() {
                let id = *local.entry(hash).or_insert_with(|| {
                    quotes.hashes.push(hash);
                    let from = if i == 0 { 0 } else { ends[i - 1] };
                    quotes.patterns.push(&patterns[from..ends[i]])
                });
                quotes.words.push(id);
            }
            quotes.ellipsis.extend_from_slice(&reduced.ellipsis);
            let (line, _) = doc.line_column(span.start);
            quotes.utterances.push(LocalUtterance {
                words_end: quotes.words.len(),
                ellipsis_end: quotes.ellipsis.len(),
                said: reduced.said,
                fingerprint: fingerprint_of(&reduced.hashes, &reduced.ellipsis),
                start,
                end,
                line: u32::try_from(line).unwrap_or(u32::MAX),
                speaker: quotation.speaker.map(String::into_boxed_str),
            });
            (hashes, ellipsis) = (reduced.hashes, reduced.ellipsis);
        }
        let unbalanced = (settings.unbalanced && !scan.unbalanced.is_empty()).then(|| {
            let marks = scan
                .unbalanced
                .iter()
                .map(|mark| {
                    let span = mark.start + body_start..mark.end + body_start;
                    let (line, column) = doc.line_column(span.start);
                    let sentence = doc
                        .sentence_at(span.start)
                        .map_or(span.clone(), |i| doc.sentences[i].span.clone());
                    let mark = Mark {
                        span: [index_u32(span.start), index_u32(span.end)],
                        line: index_u32(line),
                        column: index_u32(column),
                        sentence: [index_u32(sentence.start), index_u32(sentence.end)],
                    };
                    (mark, Box::from(doc.span_text(&span)))
                })
                .collect();
            Unbalanced {
                path: quotes.path.clone(),
                marks,
            }
        });
        (quotes, unbalanced)
    }

    /// Pieces of articles that take every path of finding quotations, attributing them and
    /// reading their words: marks, speakers, repeated and new words, cases, apostrophes,
    /// hyphens, numbers, brackets, ellipses and paragraph breaks.
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "„",
        " ",
        " ",
        " ",
        "\n\n",
        ", ",
        ". ",
        "said",
        "Legend",
        "the singer",
        "we",
        "We",
        "WE",
        "don’t",
        "don't",
        "sell-out",
        "sh-t",
        "s**t",
        "60,000",
        "2.5",
        "[him]",
        "…",
        "...",
        "É",
        "été",
        "according to",
        "told",
        "Kanye West",
        "ok",
        "x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn sites_are_those_made_as_first_written(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)
        ) {
            let text: String = pieces.concat();
            let doc = Document::from_text("a.txt", &text, 0, None);
            let settings = QuoteSettings::default();
            proptest::prop_assert_eq!(
                format!("{:?}", super::sites(&doc, &settings)),
                format!("{:?}", sites(&doc, &settings))
            );
        }
    }
}

/// One finding for each utterance rendered differently by different articles: each
/// rendering's differing words are labelled in its article, and the help line sets the
/// wordings side by side. Renderings that are faithful (case, apostrophes, dashes,
/// spacing) or only abridged (truncated, an ellipsis, words in square brackets) make
/// no finding.
pub fn findings(sites: &QuoteSites, settings: &QuoteSettings) -> Vec<Finding> {
    findings_with(sites, settings, Drafts::default())
}

/// [`findings`], together with the findings already drafted in `drafts` (unpaired
/// quotation marks): all their evidence shares one claim store.
pub fn findings_with(sites: &QuoteSites, settings: &QuoteSettings, drafts: Drafts) -> Vec<Finding> {
    findings_loading(sites, settings, drafts, LOAD_AT_ONCE)
}

/// [`findings_with`], reading at most `at_once` quotations again at a time.
pub(super) fn findings_loading(
    sites: &QuoteSites,
    settings: &QuoteSettings,
    mut drafts: Drafts,
    at_once: usize,
) -> Vec<Finding> {
    let plans = misquoted(sites);
    let at_once = at_once.max(1);
    let cited = drafts.store.len();
    // The utterances' findings together, each article read again once for all of them:
    // an article that quotes one utterance often quotes the others.
    if !draft_findings(sites, settings, &plans, &mut drafts, at_once) {
        // A quotation could not be read again: then each finding on its own, so that
        // only the one it belongs to points at its quotations whole.
        drafts.store.truncate(cited);
        draft_each(sites, settings, &plans, &mut drafts, at_once);
    }
    drafts.finish()
}

/// The planned utterances whose renderings make a finding, in order.
fn misquoted(sites: &QuoteSites) -> Vec<Plan> {
    plan_utterances(&sites.lexicon, &sites.wordings, sites, Class::Misquote)
        .into_iter()
        .filter(|plan| plan.class() >= Class::Misquote)
        .collect()
}

/// Drafts the findings of `plans` one at a time, each reading its own articles again.
fn draft_each(
    sites: &QuoteSites,
    settings: &QuoteSettings,
    plans: &[Plan],
    drafts: &mut Drafts,
    at_once: usize,
) {
    for plan in plans {
        let cited = drafts.store.len();
        if !draft_findings(sites, settings, std::slice::from_ref(plan), drafts, at_once) {
            // Evidence drafted before the quotation was found unread is taken back.
            drafts.store.truncate(cited);
            unread_finding(sites, settings, plan, drafts);
        }
    }
}

/// [`findings`] with each finding drafted on its own, as when an article cannot be
/// read again.
#[cfg(test)]
pub(super) fn findings_each_alone(sites: &QuoteSites, settings: &QuoteSettings) -> Vec<Finding> {
    let mut drafts = Drafts::default();
    draft_each(
        sites,
        settings,
        &misquoted(sites),
        &mut drafts,
        LOAD_AT_ONCE,
    );
    drafts.finish()
}

/// The quotation marks of one article that cannot be paired, each as its claim will
/// stand for it.
#[derive(Debug)]
pub struct Unbalanced {
    path: Arc<str>,
    /// Each mark, with its text as written.
    marks: Vec<(Mark, Box<str>)>,
}

/// What the claim for an unpaired quotation mark says that the claims for all such marks
/// do not share (topic, value, stance): positions in four bytes, as the claim store
/// keeps them.
#[derive(Clone, Copy, Debug)]
struct Mark {
    span: [u32; 2],
    line: u32,
    column: u32,
    sentence: [u32; 2],
}

const UNBALANCED_CODE: &str = "claimcheck::quote::unbalanced";
const UNBALANCED_HELP: &str = "a quotation may run on without its closing mark, or a mark may be doubled; quotations near it may be cut wrongly";
const UNBALANCED_LABEL: &str = "this quotation mark has no partner";

/// Quotation findings in the making. Their evidence claims go into one store, which
/// every finding cites once it is complete: a finding of its own store each would repeat
/// the paths and tables of the store in every finding.
#[derive(Default)]
pub struct Drafts {
    store: ClaimStore,
    labels: Strings,
    drafts: Vec<Draft>,
    /// How many marks each article with unpaired marks has, in the order drafted: their
    /// claims come first in the store, and their findings are made at the end.
    unpaired: Vec<u32>,
}

struct Draft {
    severity: Severity,
    code: &'static str,
    message: String,
    help: String,
    evidence: Vec<(ClaimId, u32)>,
}

impl Drafts {
    /// Drafts the finding for one article's unpaired quotation marks. Such findings
    /// come first, in the order they were drafted.
    pub fn unbalanced(&mut self, unbalanced: Unbalanced) {
        // Drafted before any other finding: a draft that takes its evidence back never
        // takes these claims with it.
        debug_assert!(
            self.drafts.is_empty(),
            "unpaired marks are drafted before the other findings"
        );
        self.store.share_path(&unbalanced.path);
        for (mark, text) in &unbalanced.marks {
            self.store.push(Claim {
                topic: TOPIC.to_string(),
                value: Value::Quote { speaker: None },
                stance: Stance::Asserted,
                path: unbalanced.path.to_string(),
                text: text.to_string(),
                span: mark.span[0] as usize..mark.span[1] as usize,
                line: mark.line as usize,
                column: mark.column as usize,
                sentence: mark.sentence[0] as usize..mark.sentence[1] as usize,
            });
        }
        self.unpaired.push(index_u32(unbalanced.marks.len()));
    }

    /// Adds a finding citing `evidence`, drafted with [`Drafts::cite`].
    fn draft(
        &mut self,
        severity: Severity,
        code: &'static str,
        message: String,
        help: String,
        evidence: Vec<(ClaimId, u32)>,
    ) {
        self.drafts.push(Draft {
            severity,
            code,
            message,
            help,
            evidence,
        });
    }

    /// Stores `claim` and its label, for a draft to cite.
    fn cite(&mut self, claim: Claim, label: &str) -> (ClaimId, u32) {
        (self.store.push(claim), self.labels.intern(label))
    }

    /// The findings, citing the completed store: those for unpaired marks, then the
    /// others, each in the order drafted.
    fn finish(self) -> Vec<Finding> {
        let Drafts {
            mut store,
            labels,
            drafts,
            unpaired,
        } = self;
        store.shrink_to_fit();
        let store = Arc::new(store);
        let mut findings = Vec::with_capacity(unpaired.len() + drafts.len());
        let mut marks = store.iter();
        for count in unpaired {
            let count = count as usize;
            let mut evidence = Evidences::with_capacity(store.clone(), count);
            for claim in marks.by_ref().take(count) {
                evidence.add(claim, UNBALANCED_LABEL);
            }
            findings.push(finding_with(
                TOPIC,
                Severity::Info,
                UNBALANCED_CODE,
                format!("{count} quotation mark(s) cannot be paired"),
                UNBALANCED_HELP,
                evidence,
            ));
        }
        findings.extend(drafts.into_iter().map(|draft| {
            let mut evidence = Evidences::with_capacity(store.clone(), draft.evidence.len());
            for (id, label) in draft.evidence {
                evidence.add(store.get(id), labels.get(label));
            }
            finding_with(
                TOPIC,
                draft.severity,
                draft.code,
                draft.message,
                draft.help,
                evidence,
            )
        }));
        findings
    }
}

/// Quotations read again at once to show a finding: bounds the text held.
const LOAD_AT_ONCE: usize = 4096;

/// The severity, code and message of a planned utterance's finding; `None` when its
/// renderings make no finding.
fn heading(
    sites: &QuoteSites,
    settings: &QuoteSettings,
    plan: &Plan,
) -> Option<(Severity, &'static str, String)> {
    let severity = match plan.class() {
        Class::Faithful | Class::Abridged => return None,
        Class::Misquote => settings.misquote,
        Class::Altered => settings.altered,
    };
    let code: &'static str = match plan.class() {
        Class::Altered => "claimcheck::quote::altered",
        _ => "claimcheck::quote::misquote",
    };
    // A name ("Legend") says more than a description ("the singer").
    let speakers: Vec<&str> = plan.quotations().filter_map(|q| sites.speaker(q)).collect();
    let speaker = speakers
        .iter()
        .find(|s| s.starts_with(char::is_uppercase))
        .or(speakers.first())
        .map(|s| s.to_string());
    let who = speaker.map_or("A quotation".to_string(), |s| format!("A quotation of {s}"));
    let message = format!(
        "{who} is worded differently in {} articles",
        plan.articles()
    );
    Some((severity, code, message))
}

/// A rendering a finding shows, to be read again: its article, and the indices of its
/// plan and of the rendering in it.
type Wanted = (u32, u32, u32);

/// A rendering's mark when its finding shows it.
const SHOWN: u8 = 1;
/// A rendering's mark when the summary quotes its text.
const QUOTED: u8 = 2;

/// Drafts the findings of `plans` in order: the quotations they show are read again a
/// bounded number at a time, in order of article, so that an article quoting several of
/// the utterances is read once. Each finding's evidence is the misquoted renderings'
/// differing words, then the reference's; its summary sets the wordings side by side.
/// False, with no finding drafted (though some evidence may be stored), when a
/// quotation cannot be read again with its wording.
fn draft_findings(
    sites: &QuoteSites,
    settings: &QuoteSettings,
    plans: &[Plan],
    drafts: &mut Drafts,
    at_once: usize,
) -> bool {
    let references: Vec<usize> = plans.iter().map(Plan::reference_quotation).collect();
    let Some(references): Option<Vec<QuoteSite>> = sites
        .load(&references, |_, site| site)
        .into_iter()
        .collect()
    else {
        return false;
    };
    let mut writers: Vec<UtteranceWriter<'_>> = plans
        .iter()
        .zip(&references)
        .map(|(plan, reference)| {
            UtteranceWriter::new(plan, &sites.wordings, &reference.quotation.text)
        })
        .collect();
    // Each plan's renderings marked as shown or not, and as quoted by the summary or not
    // (the first of each wording): only the texts of those are kept.
    let marks: Vec<Vec<u8>> = plans
        .iter()
        .map(|plan| {
            let mut wordings = FastSet::default();
            plan.shown()
                .into_iter()
                .enumerate()
                .map(|(i, shown)| match shown {
                    false => 0,
                    true if wordings.insert(plan.variant(i)) => SHOWN | QUOTED,
                    true => SHOWN,
                })
                .collect()
        })
        .collect();
    // Every plan's next rendering shown, the first in order of article on top: a plan's
    // renderings are in order of article, so that each plan's are taken in order.
    let next_shown = |p: usize, from: usize| {
        let i = (from..plans[p].len()).find(|&i| marks[p][i] & SHOWN != 0)?;
        let article = sites.article_of(plans[p].quotation(i));
        Some(Reverse((index_u32(article), index_u32(p), index_u32(i))))
    };
    let mut heads: BinaryHeap<Reverse<Wanted>> =
        (0..plans.len()).filter_map(|p| next_shown(p, 0)).collect();
    let mut next_chunk = || {
        let mut chunk = Vec::new();
        while chunk.len() < at_once {
            let Some(Reverse(wanted)) = heads.pop() else {
                break;
            };
            chunk.push(wanted);
            heads.extend(next_shown(wanted.1 as usize, wanted.2 as usize + 1));
        }
        (!chunk.is_empty()).then_some(chunk)
    };
    let mut evidence: Vec<Vec<(ClaimId, u32)>> = vec![Vec::new(); plans.len()];
    let mut reference_spans: Vec<Vec<Range<usize>>> = vec![Vec::new(); plans.len()];
    let read = |writers: &[UtteranceWriter<'_>], chunk: Vec<Wanted>| {
        let renderings = shown_renderings(sites, writers, &references, &marks, &chunk);
        (chunk, renderings)
    };
    // Each chunk is cited in order while the next one is read: citing is serial.
    let mut pending = next_chunk().map(|chunk| read(&writers, chunk));
    while let Some((chunk, renderings)) = pending.take() {
        let next = next_chunk();
        let (cited, read_next) = rayon::join(
            || {
                let mut kept = Vec::new();
                for (&(_, p, i), shown) in chunk.iter().zip(renderings) {
                    let shown = shown?;
                    let p = p as usize;
                    drafts.store.share_path(&shown.path);
                    for (claim, label) in shown.cited {
                        evidence[p].push(drafts.cite(claim, &label));
                    }
                    for span in shown.reference_spans {
                        if !reference_spans[p].contains(&span) {
                            reference_spans[p].push(span);
                        }
                    }
                    if let Some((text, words)) = shown.kept {
                        kept.push((p, i as usize, text, words));
                    }
                }
                Some(kept)
            },
            || next.map(|chunk| read(&writers, chunk)),
        );
        let Some(kept) = cited else {
            return false;
        };
        for (p, i, text, words) in kept {
            writers[p].keep(i, text, words);
        }
        pending = read_next;
    }
    let drafted = plans
        .iter()
        .zip(references.iter().zip(&writers))
        .zip(evidence.into_iter().zip(reference_spans));
    for ((plan, (reference, writer)), (mut evidence, reference_spans)) in drafted {
        let Some((severity, code, message)) = heading(sites, settings, plan) else {
            continue;
        };
        drafts.store.share_path(&reference.path);
        for span in reference_spans {
            let claim = reference.claim(span);
            let label = if claim.text.is_empty() {
                "reference wording".to_string()
            } else {
                format!("reference wording: “{}”", claim.text)
            };
            evidence.push(drafts.cite(claim, &label));
        }
        let help = format!("the wordings differ: {}", writer.summary(&sites.lexicon));
        drafts.draft(severity, code, message, help, evidence);
    }
    true
}

/// The renderings `chunk` of the writers' plans, read again and compared in parallel,
/// in order: each plan's reference is already read, in `references`, and `marks` says
/// which renderings' texts the summaries quote.
fn shown_renderings(
    sites: &QuoteSites,
    writers: &[UtteranceWriter<'_>],
    references: &[QuoteSite],
    marks: &[Vec<u8>],
    chunk: &[Wanted],
) -> Vec<Option<ShownRendering>> {
    let is_reference = |p: usize, i: usize| {
        let plan = writers[p].plan();
        plan.quotation(i) == plan.reference_quotation()
    };
    let rendering = |p: usize, i: usize, site: &QuoteSite| {
        let reference_name = file_name(&references[p].path);
        let quoted = marks[p][i] & QUOTED != 0;
        ShownRendering::new(&writers[p], i, site, reference_name, quoted)
    };
    let others: Vec<(usize, usize)> = chunk
        .iter()
        .map(|&(_, p, i)| (p as usize, i as usize))
        .filter(|&(p, i)| !is_reference(p, i))
        .collect();
    let wanted: Vec<usize> = others
        .iter()
        .map(|&(p, i)| writers[p].plan().quotation(i))
        .collect();
    let mut loaded = sites
        .load(&wanted, |at, site| {
            let (p, i) = others[at];
            rendering(p, i, &site)
        })
        .into_iter();
    chunk
        .iter()
        .map(|&(_, p, i)| {
            let (p, i) = (p as usize, i as usize);
            if is_reference(p, i) {
                rendering(p, i, &references[p])
            } else {
                loaded.next().flatten().flatten()
            }
        })
        .collect()
}

/// One rendering of a finding, compared with the reference and put into claims, ready
/// to be cited in order.
struct ShownRendering {
    path: Arc<str>,
    /// A claim and its label for each misquoted difference.
    cited: Vec<(Claim, String)>,
    /// The reference's words at those differences.
    reference_spans: Vec<Range<usize>>,
    /// The text and words, when the summary may quote them.
    kept: Option<(String, Vec<Place>)>,
}

impl ShownRendering {
    /// Rendering `i` of the writer's plan, read again as `site`, its text kept when
    /// `keep` holds; `None` when it no longer has its wording.
    fn new(
        writer: &UtteranceWriter<'_>,
        i: usize,
        site: &QuoteSite,
        reference_name: &str,
        keep: bool,
    ) -> Option<ShownRendering> {
        let rendering = writer.compare(i, &site.quotation.text, &site.words)?;
        let mut cited = Vec::new();
        let mut reference_spans = Vec::new();
        for difference in rendering
            .differences
            .iter()
            .filter(|d| d.kind.class() >= Class::Misquote)
        {
            let label = match (
                difference.rendering.is_empty(),
                difference.reference.is_empty(),
            ) {
                (true, _) => format!("leaves out “{}”", difference.reference),
                (_, true) => format!("adds “{}”", difference.rendering),
                _ => format!(
                    "“{}” where {reference_name} has “{}”",
                    difference.rendering, difference.reference
                ),
            };
            cited.push((site.claim(difference.span.clone()), label));
            reference_spans.push(difference.reference_span.clone());
        }
        let kept = keep.then(|| (site.quotation.text.clone(), site.words.clone()));
        Some(ShownRendering {
            path: site.path.clone(),
            cited,
            reference_spans,
            kept,
        })
    }
}

/// The finding for an utterance some of whose articles could not be read again (moved,
/// changed or deleted since they were checked): each differing rendering is pointed at
/// as a whole, since its words can no longer be shown.
fn unread_finding(sites: &QuoteSites, settings: &QuoteSettings, plan: &Plan, drafts: &mut Drafts) {
    let Some((severity, code, message)) = heading(sites, settings, plan) else {
        return;
    };
    let claim = |q: usize| {
        let span = sites.span(q);
        Claim {
            topic: TOPIC.to_string(),
            value: Value::Quote {
                speaker: sites.speaker(q).map(str::to_string),
            },
            stance: Stance::Asserted,
            path: sites.path(q).to_string(),
            text: String::new(),
            span: span.clone(),
            line: sites.line(q),
            column: 1,
            sentence: span,
        }
    };
    let reference = plan.reference_quotation();
    let label = format!(
        "worded differently from {}",
        file_name(sites.path(reference))
    );
    let mut evidence: Vec<(ClaimId, u32)> = plan
        .renderings()
        .filter(|&(_, class)| class >= Class::Misquote)
        .map(|(q, _)| drafts.cite(claim(q), &label))
        .collect();
    evidence.push(drafts.cite(claim(reference), "reference wording"));
    let help = "an article changed or could not be read again after the check, so the wordings cannot be shown: check again".to_string();
    drafts.draft(severity, code, message, help, evidence);
}

fn file_name(path: &str) -> &str {
    crate::reconcile::file_name(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLEDGE: &str = "“We will not raise taxes on working families this year,” the mayor said.";
    const MISQUOTED: &str = "“We will raise taxes on working families this year,” the mayor said.";

    use crate::kinds::quote::tests::compact_sites as sites_of;

    /// Path, byte span and line of every utterance of `articles`, found afresh.
    fn expected(articles: &[(&str, &str)]) -> Vec<(String, Range<usize>, usize)> {
        articles
            .iter()
            .flat_map(|(path, text)| {
                find_quotations(text)
                    .quotations
                    .into_iter()
                    .filter(|q| q.is_utterance())
                    .map(move |q| {
                        let line = text[..q.span.start].matches('\n').count() + 1;
                        (path.to_string(), q.span, line)
                    })
            })
            .collect()
    }

    fn placed(sites: &QuoteSites) -> Vec<(String, Range<usize>, usize)> {
        (0..sites.len())
            .map(|q| (sites.path(q).to_string(), sites.span(q), sites.line(q)))
            .collect()
    }

    #[test]
    fn plans_wanted_above_faithful_are_those_of_every_plan_above_faithful() {
        // An utterance quoted word for word in several articles (one wording), another
        // quoted and misquoted (two), and a third quoted word for word once more.
        let said = "“Nobody in this city should have to choose between rent and food,” she said.";
        let texts: Vec<(String, String)> = (0..12)
            .map(|i| {
                let text = match i % 4 {
                    0 => format!("{PLEDGE}\n\n{said}"),
                    1 => format!("{said}\n\n{MISQUOTED}"),
                    2 => said.to_string(),
                    _ => format!("{PLEDGE}\n\n{said}"),
                };
                (format!("a{i:02}.txt"), text)
            })
            .collect();
        let articles: Vec<(&str, &str)> = texts
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        let sites = sites_of(&articles, None);
        let outline = |plans: &[super::super::matching::Plan]| -> Vec<(Class, Vec<usize>)> {
            plans
                .iter()
                .map(|plan| (plan.class(), plan.quotations().collect()))
                .collect()
        };
        let plan = |least| plan_utterances(&sites.lexicon, &sites.wordings, &sites, least);
        let every = outline(&plan(Class::Faithful));
        let wanted = outline(&plan(Class::Misquote));
        // The faithful utterance is planned when faithful plans are wanted, from all
        // twelve articles, and is the only plan left out when they are not.
        assert_eq!(every.len(), 2, "{every:?}");
        assert!(
            every
                .iter()
                .any(|(class, quotations)| *class == Class::Faithful && quotations.len() == 12),
            "{every:?}"
        );
        let above: Vec<_> = every
            .into_iter()
            .filter(|(class, _)| *class >= Class::Misquote)
            .collect();
        assert_eq!(wanted, above);
        assert_eq!(wanted.len(), 1, "{wanted:?}");
    }

    #[test]
    fn each_site_keeps_its_article_span_and_line_when_articles_have_few_or_none() {
        let two = format!("{PLEDGE}\nLater: {MISQUOTED}");
        let three = format!("Intro.\n\n{MISQUOTED} {PLEDGE}\n{PLEDGE}");
        let articles = [
            ("a.txt", two.as_str()),
            ("none.txt", "Nothing “quoted” here."),
            ("b.txt", PLEDGE),
            ("c.txt", three.as_str()),
            ("also-none.txt", "No quotation."),
            ("d.txt", MISQUOTED),
        ];
        let sites = sites_of(&articles, None);
        let expected = expected(&articles);
        assert_eq!(expected.len(), 7);
        assert_eq!(placed(&sites), expected);
        // Articles without utterances take no index: the matcher's articles are those
        // with sites, in order.
        let articles: Vec<usize> = (0..sites.len()).map(|q| sites.article(q)).collect();
        assert_eq!(articles, [0, 0, 1, 2, 2, 2, 3]);
        assert!(sites.wide.is_empty());
    }

    /// Articles whose utterances stand far down (line 70,001) or run long (over 70,000
    /// bytes), or both, among ordinary ones.
    fn far_and_long() -> Vec<(&'static str, String)> {
        let far = "Filler.\n".repeat(70_000);
        let long = |text: &str| text.replacen("raise ", &format!("raise{}", " ".repeat(70_000)), 1);
        vec![
            ("a.txt", format!("{far}{PLEDGE}")),
            ("b.txt", PLEDGE.to_string()),
            ("c.txt", long(MISQUOTED)),
            ("d.txt", format!("{far}{}", long(MISQUOTED))),
            ("e.txt", format!("Intro.\n{MISQUOTED}")),
        ]
    }

    #[test]
    fn a_long_quotation_or_one_far_down_keeps_its_exact_end_and_line() {
        let owned = far_and_long();
        let articles: Vec<(&str, &str)> = owned.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let sites = sites_of(&articles, None);
        let expected = expected(&articles);
        assert_eq!(expected[0].2, 70_001);
        assert!(expected[2].1.len() > 70_000);
        assert_eq!(
            (expected[3].2, expected[3].1.len() > 70_000),
            (70_001, true)
        );
        assert_eq!(placed(&sites), expected);
        let wide: Vec<u32> = sites.wide.iter().map(|w| w.site).collect();
        assert_eq!(wide, [0, 2, 3]);
    }

    /// Path, span and line of every piece of evidence of `finding`.
    fn cited(finding: &Finding) -> Vec<(String, Range<usize>, usize)> {
        finding
            .evidence
            .iter()
            .map(|e| (e.claim.path().to_string(), e.claim.span(), e.claim.line()))
            .collect()
    }

    #[test]
    fn a_finding_on_articles_gone_points_at_long_and_far_quotations_exactly() {
        let owned = far_and_long();
        let articles: Vec<(String, &str)> = owned
            .iter()
            .map(|(p, t)| (format!("gone/{p}"), t.as_str()))
            .collect();
        let articles: Vec<(&str, &str)> = articles.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let sites = sites_of(&articles, None);
        let found = findings(&sites, &QuoteSettings::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].help.contains("could not be read again"));
        let cited = cited(&found[0]);
        let expected = expected(&articles);
        // The misquoted renderings (three of them, two long) and the reference.
        assert_eq!(cited.len(), 4, "{cited:?}");
        for claim in &cited {
            assert!(expected.contains(claim), "{claim:?} is not in {expected:?}");
        }
        assert!(cited.iter().any(|c| c.0 == "gone/d.txt"), "{cited:?}");
    }

    #[test]
    fn long_and_far_quotations_are_read_again_and_shown() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let owned = far_and_long();
        let articles: Vec<(&str, &str)> = owned.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let sites = sites_of(&articles, Some(folder.path()));
        let found = findings(&sites, &QuoteSettings::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].help.starts_with("the wordings differ"),
            "{found:?}"
        );
        let lines: Vec<(String, usize)> = cited(&found[0])
            .into_iter()
            .map(|(path, _, line)| (file_name(&path).to_string(), line))
            .collect();
        assert!(lines.contains(&("d.txt".to_string(), 70_001)), "{lines:?}");
        assert!(lines.contains(&("c.txt".to_string(), 1)), "{lines:?}");
    }

    /// Lines of articles for quotations to be read again from: long lines (longer than
    /// the first reach back to a line's start), characters of several bytes before a
    /// quotation, quotations far down and several on a line.
    const LINES: &[&str] = &[
        PLEDGE,
        MISQUOTED,
        "“We will not raise taxes on working families this year, or next,” she said.",
        "Été, naïve café — ",
        "Short line.",
        "",
        "\r",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        #[test]
        fn quotations_read_in_place_are_those_read_whole(
            articles in proptest::collection::vec(
                proptest::collection::vec(
                    (proptest::sample::select(LINES), 0..120usize, proptest::bool::ANY),
                    1..12,
                ),
                2..5,
            )
        ) {
            let texts: Vec<(String, String)> = articles
                .iter()
                .enumerate()
                .map(|(n, lines)| {
                    let text: String = lines
                        .iter()
                        .map(|(line, padding, breaks)| {
                            let padding = "Filler words go on. ".repeat(*padding);
                            format!("{padding}{line}{}", if *breaks { "\n" } else { " " })
                        })
                        .collect();
                    (format!("{n}.txt"), text)
                })
                .collect();
            let texts: Vec<(&str, &str)> =
                texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
            let folder = tempfile::tempdir().expect("a temporary folder");
            let in_place = crate::kinds::quote::tests::compact_sites_read(&texts, Some(folder.path()), true);
            let whole = crate::kinds::quote::tests::compact_sites_read(&texts, Some(folder.path()), false);
            let all: Vec<usize> = (0..in_place.len()).collect();
            let read = |sites: &QuoteSites| {
                sites.load(&all, |_, site| format!("{site:?} {:?}", site.words))
            };
            proptest::prop_assert_eq!(read(&in_place), read(&whole));
            // Read in place, each file whole at once or piece by piece at its quotations, an
            // unchanged article gives what it gives read whole; a failure to read it so would
            // be hidden above, where the whole article is read instead.
            for (article, source) in in_place.articles.iter().enumerate() {
                let group: Vec<(usize, usize, usize)> = (0..in_place.len())
                    .filter(|&q| in_place.article_of(q) == article)
                    .map(|q| (article, q, q))
                    .collect();
                let file = source.file.as_deref().unwrap_or_else(|| Path::new(&*source.path));
                let whole = format!("{:?}", in_place.read_whole(source, file, &group));
                for whole_up_to in [0, READ_WHOLE_UP_TO] {
                    let read = in_place.read_in_place(source, file, &group, whole_up_to);
                    proptest::prop_assert_eq!(read.map(|sites| format!("{sites:?}")), Some(whole.clone()));
                }
            }
            let settings = QuoteSettings::default();
            proptest::prop_assert_eq!(
                format!("{:?}", findings(&in_place, &settings)),
                format!("{:?}", findings(&whole, &settings))
            );
        }
    }

    #[test]
    fn an_article_changed_in_length_is_read_whole_again() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let first = format!("Intro.\n{PLEDGE}");
        let sites = sites_of(
            &[("a.txt", &first), ("b.txt", MISQUOTED)],
            Some(folder.path()),
        );
        // A line added above: the quotation's bytes moved, so it no longer reads as it did.
        std::fs::write(folder.path().join("a.txt"), format!("New line.\n{first}"))
            .expect("the temporary folder is writable");
        let found = findings(&sites, &QuoteSettings::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].help.contains("could not be read again"),
            "{found:?}"
        );
        // Written back with a line break the same length as a space: the line is counted
        // in the text read whole, since the length changed on the way.
        let moved = format!("Intro. {PLEDGE}");
        std::fs::write(folder.path().join("a.txt"), format!("{moved}\n"))
            .expect("the temporary folder is writable");
        let found = findings(&sites, &QuoteSettings::default());
        let lines: Vec<(String, usize)> = cited(&found[0])
            .into_iter()
            .map(|(path, _, line)| (file_name(&path).to_string(), line))
            .collect();
        assert!(lines.contains(&("a.txt".to_string(), 1)), "{lines:?}");
    }

    /// The finding for a document's unpaired marks, made from a full claim for each.
    fn unpaired_finding(doc: &Document) -> Finding {
        let body_start = doc
            .sentences
            .first()
            .map_or(doc.text.len(), |s| s.span.start);
        let evidence: Vec<crate::finding::Evidence> = find_quotations(&doc.text[body_start..])
            .unbalanced
            .iter()
            .map(|mark| {
                let span = mark.start + body_start..mark.end + body_start;
                let (line, column) = doc.line_column(span.start);
                let claim = Claim {
                    topic: "quotes".to_string(),
                    value: Value::Quote { speaker: None },
                    stance: Stance::Asserted,
                    path: doc.path.to_string(),
                    text: doc.span_text(&span).to_string(),
                    sentence: doc
                        .sentence_at(span.start)
                        .map_or(span.clone(), |i| doc.sentences[i].span.clone()),
                    span,
                    line,
                    column,
                };
                crate::finding::Evidence {
                    claim,
                    label: "this quotation mark has no partner".to_string(),
                }
            })
            .collect();
        let count = evidence.len();
        finding_with(
            "quotes",
            Severity::Info,
            "claimcheck::quote::unbalanced",
            format!("{count} quotation mark(s) cannot be paired"),
            "a quotation may run on without its closing mark, or a mark may be doubled; quotations near it may be cut wrongly".to_string(),
            Evidences::from(evidence),
        )
    }

    const STRAYS: &str = "Title\n\nHe said “it is over.\n\nNé “à” and ” a stray closing mark.\nA doubled ““ opening, \"then more.\n";

    #[test]
    fn unpaired_marks_make_the_findings_their_full_claims_made_in_the_order_drafted() {
        let settings = QuoteSettings::default();
        let texts = [
            ("a.txt", STRAYS),
            ("b.txt", "Nothing unpaired: “a quotation” here."),
            ("c.txt", "Just one \" mark."),
        ];
        let docs: Vec<Document> = texts
            .iter()
            .map(|(path, text)| Document::from_text(path, text, 6, None))
            .collect();
        let mut drafts = Drafts::default();
        for doc in &docs {
            if let (_, Some(unbalanced)) = sites(doc, &settings) {
                drafts.unbalanced(unbalanced);
            }
        }
        let expected = [unpaired_finding(&docs[0]), unpaired_finding(&docs[2])];
        // Each mark is one claim in the drafts' store; no finding is made until the end.
        let marks = expected[0].evidence.len() + expected[1].evidence.len();
        assert_eq!((drafts.store.len(), drafts.drafts.len()), (marks, 0));
        let found = findings_with(&QuoteSites::default(), &settings, drafts);
        assert_eq!(found, expected);
        assert!(found[0].evidence.len() >= 3, "{found:?}");
        let lines: Vec<usize> = found[0].evidence.iter().map(|e| e.claim.line()).collect();
        assert!(lines.contains(&3) && lines.contains(&5), "{lines:?}");
        assert_eq!(found[1].message, "1 quotation mark(s) cannot be paired");
    }

    #[test]
    fn unpaired_marks_come_before_misquotes_and_share_their_claim_store() {
        let settings = QuoteSettings::default();
        let quoted = sites_of(&[("gone/a.txt", PLEDGE), ("gone/b.txt", MISQUOTED)], None);
        let doc = Document::from_text("c.txt", STRAYS, 6, None);
        let mut drafts = Drafts::default();
        drafts.unbalanced(sites(&doc, &settings).1.expect("the marks are unpaired"));
        let found = findings_with(&quoted, &settings, drafts);
        let codes: Vec<&str> = found.iter().map(|f| &*f.code).collect();
        assert_eq!(
            codes,
            [
                "claimcheck::quote::unbalanced",
                "claimcheck::quote::altered"
            ]
        );
        assert_eq!(found[0], unpaired_finding(&doc));
        let stored = found[0].evidence.len() + found[1].evidence.len();
        assert_eq!(found[0].evidence.stored(), stored);
        assert_eq!(found[1].evidence.stored(), stored);
    }
}
