//! The corpus: finding article files, reading them safely, and their publication date.
