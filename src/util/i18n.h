/* i18n.h - gettext for user-visible text: _() translates now, P_() with a plural, N_() marks for later. */
#ifndef BOTE_I18N_H
#define BOTE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)		(s)
#define P_(s, p, n)	((n) == 1 ? (s) : (p))
#endif
#define N_(s)	(s)

#endif
