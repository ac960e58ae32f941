# themes/local.mk - colour themes, installed to $(pkgdatadir)/themes.
themedir = $(pkgdatadir)/themes
dist_theme_DATA = themes/default.theme themes/light.theme themes/mono.theme themes/256.theme
