/*
 * collate.h - the order of names and subjects in the message list: letters
 * compared without case and without accents, so that "Ärger" sorts with
 * the A's (as in a German dictionary) and not after "Zeitung".
 */
#ifndef BOTE_COLLATE_H
#define BOTE_COLLATE_H

/*
 * <0, 0, >0 as strcmp, on UTF-8 text folded a character at a time: ASCII
 * letters to lower case, the letters of Latin-1 and Latin Extended-A to
 * their base letters ("ß" is "ss", "æ" is "ae"), everything else as its
 * code point, so other scripts follow the Latin ones.  Bytes that are no
 * UTF-8 sort after everything.  Between texts equal but for case and
 * accents the accents decide, then the case: "Apfel" < "apfel" < "Äpfel"
 * and "bar" < "Bär"; 0 means identical.
 * Locale-independent and allocation-free.
 */
int	collate_cmp(const char *a, const char *b);

#endif
