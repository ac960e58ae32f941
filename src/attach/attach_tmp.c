/* attach_tmp.c - the private 0700 directory where parts wait for their viewer. */
#include "attach/attach.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

static pthread_mutex_t	 tmp_lock = PTHREAD_MUTEX_INITIALIZER;
static char		*tmp_dir;	/* created on first use, under tmp_lock */

static const char *
tmp_base(void)
{
	const char	*t = getenv("TMPDIR");

	return t != NULL && t[0] == '/' ? t : "/tmp";
}

int
attach_tmp_file(const char *mime_type, char **path, struct bote_err *err)
{
	const char	*ext = attach_type_ext(mime_type);
	char		*dir, *p;
	int		 fd;

	*path = NULL;
	pthread_mutex_lock(&tmp_lock);
	if (tmp_dir == NULL) {
		dir = xasprintf("%s/bote-XXXXXX", tmp_base());
		if (mkdtemp(dir) == NULL) {
			bote_err_errno(err, errno, _("cannot create directory '%s'"), dir);
			free(dir);
			pthread_mutex_unlock(&tmp_lock);
			return -1;
		}
		tmp_dir = dir;	/* mkdtemp makes it 0700 */
	}
	p = xasprintf("%s/part-XXXXXX%s", tmp_dir, ext);
	pthread_mutex_unlock(&tmp_lock);
	if ((fd = mkostemps(p, (int)strlen(ext), O_CLOEXEC)) == -1) {
		bote_err_errno(err, errno, _("cannot create file '%s'"), p);
		free(p);
		return -1;
	}
	*path = p;
	return fd;
}

void
attach_tmp_cleanup(void)
{
	DIR		*d;
	struct dirent	*e;

	pthread_mutex_lock(&tmp_lock);
	if (tmp_dir != NULL && (d = opendir(tmp_dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
		rmdir(tmp_dir);
	}
	free(tmp_dir);
	tmp_dir = NULL;
	pthread_mutex_unlock(&tmp_lock);
}
