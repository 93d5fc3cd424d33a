/*
 * name_words.h - the words of a person's name as a search compares them.
 *
 * A name is split into words at every character that is not a letter or a
 * digit (spaces, hyphens, apostrophes, dots, ...), and each word is folded:
 * upper case becomes lower case (A-Z, the Latin-1 letters À-Þ and the
 * pairs of Latin Extended-A: "ÆBLØ" -> "æblø", "Ł" -> "ł"), and the
 * accents Danish does not write as letters of their own are taken off the
 * Latin-1 vowels and ç, ñ, ý, ÿ ("René" -> "rene", "Müller" -> "muller",
 * "Jönsson" -> "jonsson"). Æ, Ø and Å are letters of their own and stay
 * so ("Ågård" is never "agard", and "aa" is not "å"); so are ð, þ and ß.
 * Every other character at or above U+00C0 (Greek, Cyrillic, ...) is a
 * letter kept as it is, except the punctuation and symbols of
 * U+2000-U+2BFF (dashes, quotation marks, arrows) and U+3000-U+303F,
 * which separate words like a space. Bytes that are not valid UTF-8
 * separate words too.
 *
 * Folding never makes a word longer in bytes, so each word of a name of
 * at most GENOP_NAME_WORD_SIZE - 1 bytes fits in GENOP_NAME_WORD_SIZE.
 *
 * The search of names (the SQLite back end's citizen_name_words table)
 * keeps the words of every name folded so; a stored word and a searched
 * prefix are compared byte for byte. A change of this folding is a change
 * of the stored data: it needs a migration that folds every name again.
 */
#ifndef GENOP_NAME_WORDS_H
#define GENOP_NAME_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The room for one folded word of a stored name, with its NUL (a name is
 * at most 127 bytes, GENOP_NAME_MAX). */
#define GENOP_NAME_WORD_SIZE 128

/* The folded form of code point cp: the lower-case letter without the
 * accents above, the code point itself for other letters and digits, or
 * 0 when cp separates words. */
uint32_t genop_name_fold(uint32_t cp);

/* Reads the next word of the NUL-terminated text at *pos: writes it folded
 * and NUL-terminated into out[0..size) (size >= 1) and moves *pos past it.
 * A folded word of size bytes or more is cut at a whole character, and
 * *cut (if not NULL) set to true; else it is set to false. Returns the
 * length written, 0 when no word is left (then out is ""). */
size_t genop_name_word_next(const char **pos, char *out, size_t size, bool *cut);

#endif
