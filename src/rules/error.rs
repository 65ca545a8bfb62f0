//! Mistakes in rule files, as diagnostics that name the file, underline the exact span
//! and say what to write instead.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// A rule file's path and text, shared by every diagnostic that points into it.
#[derive(Clone, Debug)]
pub struct RuleSource {
    pub path: String,
    pub text: Arc<str>,
}

/// One mistake in a rule file.
#[derive(Debug)]
pub struct RuleError {
    pub code: &'static str,
    pub message: String,
    source: NamedSource<Arc<str>>,
    span: Option<Range<usize>>,
    label: String,
    help: Option<String>,
    related: Vec<RuleError>,
}

impl RuleError {
    pub fn new(
        code: &'static str,
        file: &RuleSource,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> RuleError {
        RuleError {
            code,
            message: message.into(),
            source: NamedSource::new(&file.path, Arc::clone(&file.text)),
            span,
            label: String::from("here"),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> RuleError {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> RuleError {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, other: RuleError) -> RuleError {
        self.related.push(other);
        self
    }

    pub(crate) fn set_label(&mut self, label: String) {
        self.label = label;
    }

    pub(crate) fn set_help(&mut self, help: String) {
        self.help = Some(help);
    }

    /// The file the mistake is in.
    pub fn path(&self) -> &str {
        self.source.name()
    }

    /// The byte span the diagnostic underlines, if any.
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
