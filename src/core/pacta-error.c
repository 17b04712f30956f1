/* pacta-error.c: the PACTA_ERROR domain */
#include "pacta-error.h"

G_DEFINE_QUARK (pacta-error-quark, pacta_error)
