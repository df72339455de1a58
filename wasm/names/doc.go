// Package names reads personal names the way a person would when deciding
// whether two of them mean the same someone: it folds case, accents and
// decoration away (Fold), splits a display name into first, middle and
// surname words while dropping titles and credentials (Parse, ParseParts),
// tolerates spelling variants (SpellingKey), and knows which given names can
// stand for each other (Nicknames).
//
// It is part of the WebAssembly content script, so it avoids fmt, reflect,
// regexp and encoding packages, and carries its own Unicode tables instead
// of golang.org/x/text.
package names
