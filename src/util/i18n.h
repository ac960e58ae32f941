/* i18n.h - gettext for user-visible text: _() translates now, N_() marks for later. */
#ifndef BOTE_I18N_H
#define BOTE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#else
#define _(s)	(s)
#endif
#define N_(s)	(s)

#endif
