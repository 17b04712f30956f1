/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-servers.c: Dovecot and aiosmtpd started on 127.0.0.1 for the tests, the SMTP spool and its faults, and a proxy that cuts IMAP connections */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>

#include "pacta-mail-servers.h"
#include "pacta-test-util.h"

/* How long a server may take to answer when it starts: generous, for a
 * loaded CI machine; a start normally takes well under a second */
#define START_TIMEOUT_USEC (20 * G_USEC_PER_SEC)
/* Times Dovecot is started again on other ports when one was taken between
 * choosing it and binding it */
#define START_ATTEMPTS 3

struct _PactaMailServers
{
  char         *dir;
  char         *ca_file;
  char         *conf;            /* Dovecot's configuration */
  char         *spool;           /* what the SMTP server took, and its faults */
  char         *dovecot;         /* the programs */
  char         *doveadm;
  GSubprocess  *imap_server;
  GSubprocess  *smtp_server;
  pid_t         imap_group;      /* their process groups */
  pid_t         smtp_group;
  guint         imaps_port;
  guint         imap_port;
  guint         smtps_port;
  guint         submission_port;
  guint         smtp_plain_port;

  GMutex        lock;
  /* The SMTP faults as last written to the spool's "faults" file */
  GPtrArray    *refused;
  guint         generation;
  guint         defer_generation;
  guint         defer_count;
  guint         drop_generation;
  guint         drop_count;
  guint         hold_generation;
  guint         hold_nth;

  /* The proxy that cuts IMAP connections */
  GSocket      *proxy;
  GThread      *proxy_thread;
  GCancellable *proxy_cancellable;
  guint         proxy_port;
  gsize         cut_after;       /* under lock */
  guint         live_pipes;      /* under lock */
  GCond         pipes_done;
};

/* ---- processes ------------------------------------------------------------- */

/* Runs in the child between fork and exec: a process group of its own, so
 * that stopping ends whatever the server forked, and, when the test process
 * dies, a signal, so that no server outlives it. That signal comes when the
 * thread that forked ends, so only servers started from the main thread
 * (@data: the process id) ask for it; the SMTP server also exits when its
 * standard input closes. */
static void
server_child_setup (gpointer data)
{
  pid_t parent = (pid_t) GPOINTER_TO_INT (data);

  setpgid (0, 0);
  if (parent != 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      /* The parent died before prctl() took effect */
      if (getppid () != parent)
        _exit (1);
    }
}

/* Starts a server, its standard error to @log_path; @group: its process group */
static GSubprocess *
spawn_server (const char *const  *argv,
              GSubprocessFlags    flags,
              const char         *log_path,
              pid_t              *group,
              GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  gboolean main_thread = syscall (SYS_gettid) == getpid ();   /* its id is the process's */
  GSubprocess *server;
  const char *id;

  g_subprocess_launcher_set_child_setup (launcher, server_child_setup,
                                         GINT_TO_POINTER (main_thread ? (int) getpid () : 0), NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  /* Returns once the child has run exec, so after setpgid(); no
   * identifier if it has already ended (then there is no group to end) */
  *group = 0;
  if ((server = g_subprocess_launcher_spawnv (launcher, argv, error)) != NULL &&
      (id = g_subprocess_get_identifier (server)) != NULL)
    *group = (pid_t) g_ascii_strtoll (id, NULL, 10);
  return server;
}

/* Whether a process of @group still runs (zombies hold no sockets or
 * files, and nobody may reap them: PID 1 of a container often doesn't) */
static gboolean
group_runs (pid_t group)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *fields;
      char state;
      int parent, pgrp;

      if (!g_ascii_isdigit (name[0]))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      /* "pid (comm) state ppid pgrp …"; comm may hold anything, even ')' */
      if (!g_file_get_contents (path, &stat, NULL, NULL) || (fields = strrchr (stat, ')')) == NULL)
        continue;
      if (sscanf (fields + 1, " %c %d %d", &state, &parent, &pgrp) == 3 && pgrp == group &&
          state != 'Z' && state != 'X')
        return TRUE;
    }
  return FALSE;
}

/* Ends the server and everything it forked, and reaps it. The whole group,
 * even when the server itself has ended: its children may not have (and
 * while they live, the group's number can't be given to another). Returns
 * once none runs, so none still holds a port or writes in the folder. */
static void
kill_server (GSubprocess **server,
             pid_t         group)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;

  if (*server == NULL)
    return;
  /* Never 0 or less: kill() would take that for our own group, or all */
  if (group > 0)
    kill (-group, SIGKILL);
  g_subprocess_wait (*server, NULL, NULL);
  g_clear_object (server);
  /* SIGKILL is final but not instant: a short, bounded poll */
  while (group > 0 && group_runs (group) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
}

/* Runs a program to its end (in @dir when not %NULL), @input on its
 * standard input; its standard output in @out. Fails with its standard
 * error when it fails. */
static gboolean
run_program (const char         *dir,
             GBytes             *input,
             char              **out,
             GError            **error,
             const char         *first,
             ...) G_GNUC_NULL_TERMINATED;

static gboolean
run_program (const char  *dir,
             GBytes      *input,
             char       **out,
             GError     **error,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  if (dir != NULL)
    g_subprocess_launcher_set_cwd (launcher, dir);
  if ((process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error)) == NULL)
    return FALSE;
  if (!g_subprocess_communicate (process, input, NULL, &stdout_bytes, &stderr_bytes, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);
      g_autofree char *words = g_strndup (g_bytes_get_data (stderr_bytes, NULL), g_bytes_get_size (stderr_bytes));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed (status %d): %s", line,
                   g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
                   g_strstrip (words));
      return FALSE;
    }
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (stdout_bytes, NULL), g_bytes_get_size (stdout_bytes));
  return TRUE;
}

/* A program by its path or, failing that, on PATH */
static char *
find_program (const char *path,
              const char *name)
{
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (path);
  return g_find_program_in_path (name);
}

/* ---- certificates and configuration ------------------------------------------ */

/* A CA and, signed by it, a certificate for 127.0.0.1 and localhost */
static gboolean
make_certificates (PactaMailServers  *self,
                   GError           **error)
{
  g_autofree char *ext = g_build_filename (self->dir, "server.ext", NULL);

  if (!g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n", -1, error))
    return FALSE;
  return run_program (self->dir, NULL, NULL, error, "openssl", "req", "-x509", "-newkey", "ec",
                      "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                      "-out", "ca.pem", "-days", "3650", "-subj", "/CN=Pacta Test Mail CA", NULL) &&
         run_program (self->dir, NULL, NULL, error, "openssl", "req", "-newkey", "ec",
                      "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
                      "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL) &&
         run_program (self->dir, NULL, NULL, error, "openssl", "x509", "-req", "-in", "server.csr",
                      "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
                      "-days", "3650", "-extfile", "server.ext", NULL);
}

/* Free TCP ports on 127.0.0.1: the sockets stay bound until all are
 * chosen, so that they differ */
static gboolean
free_ports (guint    *ports,
            guint     n_ports,
            GError  **error)
{
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr(GSocketAddress) bound = NULL;
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

      if (socket == NULL)
        return FALSE;
      g_ptr_array_add (sockets, socket);
      if (!g_socket_bind (socket, any, FALSE, error) ||
          (bound = g_socket_get_local_address (socket, error)) == NULL)
        return FALSE;
      ports[i] = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
    }
  return TRUE;
}

/* Dovecot's configuration: everything in the folder (sockets, state, log,
 * mail), nothing read from /etc. As root, Dovecot refuses to run its login
 * and internal processes or to keep mail as root, so those run as nobody,
 * who is given the folder; as anyone else, everything runs as that user. */
static gboolean
write_dovecot_conf (PactaMailServers  *self,
                    GError           **error)
{
  g_autofree char *passwd = g_build_filename (self->dir, "passwd", NULL);
  g_autofree char *home = g_build_filename (self->dir, "home", NULL);
  g_autofree char *user = NULL;
  g_autofree char *group = NULL;
  g_autofree char *mail_ids = NULL;
  g_autofree char *conf = NULL;
  struct passwd *pw;
  struct group *gr;

  if (geteuid () == 0)
    {
      if ((pw = getpwnam ("nobody")) == NULL || pw->pw_uid == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no user nobody to run Dovecot as");
          return FALSE;
        }
    }
  else if ((pw = getpwuid (geteuid ())) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no name for user %u", (guint) geteuid ());
      return FALSE;
    }
  user = g_strdup (pw->pw_name);
  gr = getgrgid (pw->pw_gid);
  group = gr != NULL ? g_strdup (gr->gr_name) : g_strdup (user);
  if (geteuid () == 0)
    mail_ids = g_strdup_printf ("uid=%u gid=%u ", (guint) pw->pw_uid, (guint) pw->pw_gid);

  if (!g_file_set_contents (passwd, PACTA_TEST_MAIL_USER ":{PLAIN}" PACTA_TEST_MAIL_PASSWORD "\n", -1, error))
    return FALSE;
  if (g_mkdir (home, 0700) != 0 && errno != EEXIST)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", home, g_strerror (errno));
      return FALSE;
    }
  if (geteuid () == 0 &&
      (chown (self->dir, pw->pw_uid, pw->pw_gid) != 0 || chown (passwd, pw->pw_uid, pw->pw_gid) != 0 ||
       chown (home, pw->pw_uid, pw->pw_gid) != 0))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "chown: %s", g_strerror (errno));
      return FALSE;
    }

  conf = g_strdup_printf ("# Pacta's test IMAP server (tests/pacta-mail-servers.c)\n"
                          "protocols = imap\n"
                          "listen = 127.0.0.1\n"
                          "base_dir = %1$s/run\n"
                          "state_dir = %1$s/state\n"
                          "log_path = %1$s/dovecot.log\n"
                          "info_log_path = %1$s/dovecot.log\n"
                          "default_internal_user = %2$s\n"
                          "default_internal_group = %3$s\n"
                          "default_login_user = %2$s\n"
                          "first_valid_uid = 1\n"
                          "ssl = required\n"
                          "ssl_cert = <%1$s/server.pem\n"
                          "ssl_key = <%1$s/server.key\n"
                          "auth_mechanisms = plain login\n"
                          /* A refused password answered at once, not after 2 s */
                          "auth_failure_delay = 0\n"
                          "mail_max_userip_connections = 100\n"
                          "passdb {\n"
                          "  driver = passwd-file\n"
                          "  args = scheme=PLAIN %1$s/passwd\n"
                          "}\n"
                          "userdb {\n"
                          "  driver = static\n"
                          "  args = %4$shome=%1$s/home/%%u\n"
                          "}\n"
                          "mail_location = maildir:~/Maildir\n"
                          "namespace inbox {\n"
                          "  inbox = yes\n"
                          "  separator = /\n"
                          "}\n"
                          /* chroot() needs root, and buys nothing here */
                          "service anvil {\n"
                          "  chroot =\n"
                          /* And the next refusal too: with no way to reach
                           * anvil's penalty socket, Dovecot adds no penalty
                           * (2, 4, … up to 15 s per failure from one address) */
                          "  unix_listener anvil-auth-penalty {\n"
                          "    mode = 0\n"
                          "  }\n"
                          "}\n"
                          "service imap-login {\n"
                          "  chroot =\n"
                          "  inet_listener imap {\n"
                          "    port = %5$u\n"
                          "  }\n"
                          "  inet_listener imaps {\n"
                          "    port = %6$u\n"
                          "    ssl = yes\n"
                          "  }\n"
                          "}\n",
                          self->dir, user, group, mail_ids != NULL ? mail_ids : "",
                          self->imap_port, self->imaps_port);
  return g_file_set_contents (self->conf, conf, -1, error);
}

/* ---- starting ---------------------------------------------------------------- */

static char *
read_log (PactaMailServers *self,
          const char       *name)
{
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return g_strstrip (text);
}

/* Whether a connection to @port gets an IMAP greeting */
static gboolean
imap_greets (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);
  char greeting[64] = "";
  gssize n;

  if (socket == NULL || !g_socket_connect (socket, address, NULL, NULL))
    return FALSE;
  g_socket_set_timeout (socket, 5);
  n = g_socket_receive (socket, greeting, sizeof greeting - 1, NULL, NULL);
  return n >= 4 && g_str_has_prefix (greeting, "* OK");
}

/* Starts Dovecot on free ports and waits until it greets; %FALSE with
 * @retry set when a port was taken meanwhile */
static gboolean
start_dovecot (PactaMailServers  *self,
               gboolean          *retry,
               GError           **error)
{
  const char *argv[] = { self->dovecot, "-F", "-c", self->conf, NULL };
  g_autofree char *log = g_build_filename (self->dir, "dovecot.err", NULL);
  g_autofree char *pid_file = g_build_filename (self->dir, "run", "master.pid", NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;
  guint ports[2];

  *retry = FALSE;
  /* Left by an attempt that failed: Dovecot would take it for a running one
   * if its number had been given to another process since */
  g_unlink (pid_file);
  if (!free_ports (ports, G_N_ELEMENTS (ports), error))
    return FALSE;
  self->imap_port = ports[0];
  self->imaps_port = ports[1];
  if (!write_dovecot_conf (self, error) ||
      (self->imap_server = spawn_server (argv, G_SUBPROCESS_FLAGS_NONE, log, &self->imap_group, error)) == NULL)
    return FALSE;

  /* A short poll: the listeners are bound by Dovecot's master process,
   * which then starts the login process that greets */
  while (!imap_greets (self->imap_port))
    {
      if (g_subprocess_get_identifier (self->imap_server) == NULL || g_get_monotonic_time () > deadline)
        {
          g_autofree char *err = read_log (self, "dovecot.err");
          g_autofree char *text = read_log (self, "dovecot.log");

          kill_server (&self->imap_server, self->imap_group);
          *retry = strstr (text, "in use") != NULL || strstr (err, "in use") != NULL;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Dovecot did not start: %s %s", err, text);
          return FALSE;
        }
      g_usleep (10 * 1000);
    }
  return TRUE;
}

/* Starts the SMTP server; its ports come back on its standard output */
static gboolean
spawn_smtp (PactaMailServers  *self,
            GError           **error)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "mail", "smtp-server.py", NULL);
  g_autofree char *cert = g_build_filename (self->dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (self->dir, "server.key", NULL);
  g_autofree char *log = g_build_filename (self->dir, "smtp.log", NULL);
  const char *argv[] = {
    "/usr/bin/python3", script, "--spool", self->spool, "--cert", cert, "--key", key,
    "--user", PACTA_TEST_MAIL_USER, "--password", PACTA_TEST_MAIL_PASSWORD, NULL
  };

  /* Its standard input stays open until stop: it exits when that closes */
  self->smtp_server = spawn_server (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, log,
                                    &self->smtp_group, error);
  return self->smtp_server != NULL;
}

/* Reads the SMTP server's "READY <implicit TLS> <STARTTLS> <plain>" */
static gboolean
wait_smtp (PactaMailServers  *self,
           GError           **error)
{
  GInputStream *out = g_subprocess_get_stdout_pipe (self->smtp_server);
  GPollFD poll_fd = { g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (out)), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;
  g_autoptr(GString) line = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  while (strchr (line->str, '\n') == NULL)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[256];
      gssize n;

      if (left <= 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "the SMTP server did not start in time");
          return FALSE;
        }
      /* Interrupted, or the time is up (then said above) */
      if (g_poll (&poll_fd, 1, (int) MAX (left / 1000, 1)) <= 0)
        continue;
      n = read (poll_fd.fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_autofree char *log = read_log (self, "smtp.log");

          g_subprocess_wait (self->smtp_server, NULL, NULL);
          if (g_subprocess_get_if_exited (self->smtp_server) && g_subprocess_get_exit_status (self->smtp_server) == 77)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 "aiosmtpd is not installed for /usr/bin/python3 (python3-aiosmtpd)");
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the SMTP server did not start: %s", log);
          return FALSE;
        }
      g_string_append_len (line, buffer, n);
    }

  words = g_strsplit (g_strstrip (line->str), " ", -1);
  if (g_strv_length (words) != 4 || g_strcmp0 (words[0], "READY") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the SMTP server said: %s", line->str);
      return FALSE;
    }
  self->smtps_port = (guint) g_ascii_strtoull (words[1], NULL, 10);
  self->submission_port = (guint) g_ascii_strtoull (words[2], NULL, 10);
  self->smtp_plain_port = (guint) g_ascii_strtoull (words[3], NULL, 10);
  return TRUE;
}

/**
 * pacta_mail_servers_start:
 *
 * Makes a folder with a CA and a server certificate, starts the SMTP
 * server, then Dovecot (the two start side by side), and returns once both
 * answer: about half a second.
 */
PactaMailServers *
pacta_mail_servers_start (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  PactaMailServers *self;
  gboolean retry = TRUE;

  self = g_new0 (PactaMailServers, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->pipes_done);
  self->refused = g_ptr_array_new_with_free_func (g_free);

  self->dovecot = find_program ("/usr/sbin/dovecot", "dovecot");
  self->doveadm = find_program ("/usr/bin/doveadm", "doveadm");
  if (self->dovecot == NULL || self->doveadm == NULL || !g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ||
      openssl == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "the test mail servers need dovecot (dovecot-imapd), /usr/bin/python3 with aiosmtpd, and openssl");
      pacta_mail_servers_stop (self);
      return NULL;
    }

  if ((self->dir = g_dir_make_tmp ("pacta-mail-XXXXXX", error)) == NULL)
    {
      pacta_mail_servers_stop (self);
      return NULL;
    }
  self->ca_file = g_build_filename (self->dir, "ca.pem", NULL);
  self->conf = g_build_filename (self->dir, "dovecot.conf", NULL);
  self->spool = g_build_filename (self->dir, "spool", NULL);

  if (g_mkdir (self->spool, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", self->spool, g_strerror (errno));
      pacta_mail_servers_stop (self);
      return NULL;
    }
  if (!make_certificates (self, error) || !spawn_smtp (self, error))
    {
      pacta_mail_servers_stop (self);
      return NULL;
    }
  for (guint attempt = 0; attempt < START_ATTEMPTS && retry; attempt++)
    {
      g_clear_error (&local_error);
      if (start_dovecot (self, &retry, &local_error))
        break;
    }
  if (local_error != NULL || !wait_smtp (self, error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      pacta_mail_servers_stop (self);
      return NULL;
    }
  return self;
}

/* ---- the cutting proxy ----------------------------------------------------------- */

typedef struct
{
  PactaMailServers *self;
  GSocket          *client;
  gsize             limit;
} Pipe;

static gboolean
send_all (GSocket      *socket,
          const char   *data,
          gsize         size,
          GCancellable *cancellable)
{
  while (size > 0)
    {
      gssize n = g_socket_send (socket, data, size, cancellable, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      size -= (gsize) n;
    }
  return TRUE;
}

/* A FIN, and what the client sent meanwhile read: closing a socket with
 * unread data would send a reset, which may discard at the client what it
 * was sent last */
static void
hang_up (GSocket *client)
{
  char scrap[4096];

  g_socket_shutdown (client, FALSE, TRUE, NULL);
  g_socket_set_blocking (client, FALSE);
  while (g_socket_receive (client, scrap, sizeof scrap, NULL, NULL) > 0)
    ;
  g_socket_close (client, NULL);
}

/* One connection: bytes both ways until either side closes, the limit is
 * reached (then both are cut) or the proxy stops */
static gpointer
pipe_thread (gpointer data)
{
  Pipe *pipe = data;
  PactaMailServers *self = pipe->self;
  GCancellable *cancellable = self->proxy_cancellable;
  g_autoptr(GSocket) server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) self->imaps_port);
  gsize sent = 0;

  if (server != NULL && g_socket_connect (server, address, cancellable, NULL))
    {
      GPollFD fds[3] = {
        { g_socket_get_fd (pipe->client), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 },
        { g_socket_get_fd (server), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 },
        { 0, 0, 0 },
      };
      gboolean open = TRUE;

      if (!g_cancellable_make_pollfd (cancellable, &fds[2]))
        fds[2].fd = -1;   /* out of descriptors: then stop waits for the ends to close */
      while (open && !g_cancellable_is_cancelled (cancellable))
        {
          char buffer[16384];
          gssize n;

          if (g_poll (fds, G_N_ELEMENTS (fds), -1) < 0)
            continue;
          if (fds[0].revents != 0)
            {
              n = g_socket_receive (pipe->client, buffer, sizeof buffer, cancellable, NULL);
              open = n > 0 && send_all (server, buffer, (gsize) n, cancellable);
            }
          if (open && fds[1].revents != 0)
            {
              gsize want = sizeof buffer;

              if (pipe->limit > 0)
                want = MIN (want, pipe->limit - sent);
              n = g_socket_receive (server, buffer, want, cancellable, NULL);
              open = n > 0 && send_all (pipe->client, buffer, (gsize) n, cancellable);
              if (n > 0)
                sent += (gsize) n;
              if (pipe->limit > 0 && sent >= pipe->limit)
                open = FALSE;
            }
        }
      if (fds[2].fd >= 0)
        g_cancellable_release_fd (cancellable);
      g_socket_close (server, NULL);
    }
  hang_up (pipe->client);
  g_object_unref (pipe->client);
  g_free (pipe);

  /* The last touch of self: stop waits for this */
  g_mutex_lock (&self->lock);
  self->live_pipes--;
  g_cond_broadcast (&self->pipes_done);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* Blocking accepts on a thread of its own: the proxy must work while the
 * test's main thread is blocked in a synchronous client call */
static gpointer
proxy_thread (gpointer data)
{
  PactaMailServers *self = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSocket *client = g_socket_accept (self->proxy, self->proxy_cancellable, &error);
      Pipe *pipe;

      if (client == NULL)
        {
          if (g_cancellable_is_cancelled (self->proxy_cancellable))
            break;
          g_usleep (1000);   /* e.g. out of file descriptors: not a busy loop */
          continue;
        }
      pipe = g_new0 (Pipe, 1);
      pipe->self = self;
      pipe->client = client;
      g_mutex_lock (&self->lock);
      pipe->limit = self->cut_after;
      self->live_pipes++;
      g_mutex_unlock (&self->lock);
      /* Not joined: stop waits for live_pipes to drop to zero instead */
      g_thread_unref (g_thread_new ("imap-cut-pipe", pipe_thread, pipe));
    }
  return NULL;
}

guint
pacta_mail_servers_imap_cut_proxy (PactaMailServers *self,
                                   gsize             after_bytes)
{
  g_mutex_lock (&self->lock);
  self->cut_after = after_bytes;
  g_mutex_unlock (&self->lock);

  if (self->proxy == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) bound = NULL;

      self->proxy = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
      g_assert_no_error (error);
      g_socket_bind (self->proxy, any, TRUE, &error);
      g_assert_no_error (error);
      g_socket_listen (self->proxy, &error);
      g_assert_no_error (error);
      bound = g_socket_get_local_address (self->proxy, &error);
      g_assert_no_error (error);
      self->proxy_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      self->proxy_cancellable = g_cancellable_new ();
      self->proxy_thread = g_thread_new ("imap-cut-proxy", proxy_thread, self);
    }
  return self->proxy_port;
}

static void
stop_proxy (PactaMailServers *self)
{
  if (self->proxy == NULL)
    return;
  g_cancellable_cancel (self->proxy_cancellable);
  g_thread_join (self->proxy_thread);
  g_mutex_lock (&self->lock);
  while (self->live_pipes > 0)
    g_cond_wait (&self->pipes_done, &self->lock);
  g_mutex_unlock (&self->lock);
  g_socket_close (self->proxy, NULL);
  g_clear_object (&self->proxy);
  g_clear_object (&self->proxy_cancellable);
}

/* ---- stopping and the simple getters ---------------------------------------------- */

/**
 * pacta_mail_servers_stop:
 *
 * Kills both servers with everything they forked, ends the proxy and
 * removes the folder. With PACTA_MAIL_SERVERS_KEEP set in the environment,
 * the folder (configuration, logs, mail, spool) is kept and its path
 * printed, to look into a failure.
 */
void
pacta_mail_servers_stop (PactaMailServers *self)
{
  if (self == NULL)
    return;
  kill_server (&self->smtp_server, self->smtp_group);
  kill_server (&self->imap_server, self->imap_group);
  /* After the servers: every connection through it has ended or is ending */
  stop_proxy (self);
  if (self->dir != NULL)
    {
      if (g_getenv ("PACTA_MAIL_SERVERS_KEEP") != NULL)
        g_printerr ("# mail servers' folder kept: %s\n", self->dir);
      else
        pacta_test_remove_tree (self->dir);
    }
  g_free (self->dir);
  g_free (self->ca_file);
  g_free (self->conf);
  g_free (self->spool);
  g_free (self->dovecot);
  g_free (self->doveadm);
  g_ptr_array_unref (self->refused);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->pipes_done);
  g_free (self);
}

const char *
pacta_mail_servers_get_ca_file (PactaMailServers *self)
{
  return self->ca_file;
}

/* PACTA_MAIL_SECURITY_NONE: the STARTTLS port, where Dovecot lets a
 * client on 127.0.0.1 log in without TLS (it counts loopback as secure) */
guint
pacta_mail_servers_get_imap_port (PactaMailServers  *self,
                                  PactaMailSecurity  security)
{
  switch (security)
    {
    case PACTA_MAIL_SECURITY_TLS:
      return self->imaps_port;
    case PACTA_MAIL_SECURITY_STARTTLS:
    case PACTA_MAIL_SECURITY_NONE:
      return self->imap_port;
    default:
      g_assert_not_reached ();
    }
}

/* PACTA_MAIL_SECURITY_NONE: a third listener, without TLS, where AUTH
 * needs none (the STARTTLS one refuses everything before STARTTLS) */
guint
pacta_mail_servers_get_smtp_port (PactaMailServers  *self,
                                  PactaMailSecurity  security)
{
  switch (security)
    {
    case PACTA_MAIL_SECURITY_TLS:
      return self->smtps_port;
    case PACTA_MAIL_SECURITY_STARTTLS:
      return self->submission_port;
    case PACTA_MAIL_SECURITY_NONE:
      return self->smtp_plain_port;
    default:
      g_assert_not_reached ();
    }
}

PactaMailAccount *
pacta_mail_servers_account (PactaMailServers  *self,
                            PactaMailSecurity  imap_security,
                            PactaMailSecurity  smtp_security)
{
  PactaMailAccount *account = pacta_mail_account_new ();

  g_free (account->imap_host);
  account->imap_host = g_strdup ("127.0.0.1");
  account->imap_port = pacta_mail_servers_get_imap_port (self, imap_security);
  account->imap_security = imap_security;
  g_free (account->smtp_host);
  account->smtp_host = g_strdup ("127.0.0.1");
  account->smtp_port = pacta_mail_servers_get_smtp_port (self, smtp_security);
  account->smtp_security = smtp_security;
  g_free (account->user);
  account->user = g_strdup (PACTA_TEST_MAIL_USER);
  g_free (account->address);
  account->address = g_strdup (PACTA_TEST_MAIL_USER);
  g_free (account->folder);
  account->folder = g_strdup ("INBOX");
  return account;
}

/* ---- the mailbox ------------------------------------------------------------------ */

/* The UIDs of @folder's messages matching @search, from doveadm search
 * ("GUID UID" a line); %NULL when the folder is missing */
static GArray *
search_uids (PactaMailServers  *self,
             const char        *folder,
             const char        *search,
             GError           **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) keys = g_strsplit (search, " ", -1);
  g_auto(GStrv) lines = NULL;
  GArray *uids;

  g_ptr_array_add (argv, g_strdup (self->doveadm));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (self->conf));
  g_ptr_array_add (argv, g_strdup ("search"));
  g_ptr_array_add (argv, g_strdup ("-u"));
  g_ptr_array_add (argv, g_strdup (PACTA_TEST_MAIL_USER));
  g_ptr_array_add (argv, g_strdup ("mailbox"));
  g_ptr_array_add (argv, g_strdup (folder));
  for (guint i = 0; keys[i] != NULL; i++)
    if (*keys[i] != '\0')
      g_ptr_array_add (argv, g_strdup (keys[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if ((process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error)) == NULL ||
      !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return NULL;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "doveadm search %s in %s: %s", search, folder, g_strstrip (err));
      return NULL;
    }

  uids = g_array_new (FALSE, FALSE, sizeof (guint64));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *space = strchr (lines[i], ' ');
      guint64 uid;

      if (space != NULL && (uid = g_ascii_strtoull (space + 1, NULL, 10)) > 0)
        g_array_append_val (uids, uid);
    }
  return uids;
}

/**
 * pacta_mail_servers_deliver:
 *
 * Saves @raw with `doveadm save` (no flags: unseen, as a delivery leaves
 * it) and returns the highest UID of the folder after it, which is the
 * message's: deliveries are serialised here, and nothing else adds to the
 * folder meanwhile (moving messages into it from the test's IMAP client
 * at the same moment would make the answer unreliable).
 */
guint64
pacta_mail_servers_deliver (PactaMailServers  *self,
                            const char        *folder,
                            const char        *raw,
                            GError           **error)
{
  g_autoptr(GBytes) input = g_bytes_new (raw, strlen (raw));
  g_autoptr(GError) create_error = NULL;
  g_autoptr(GArray) uids = NULL;
  guint64 uid = 0;

  g_mutex_lock (&self->lock);
  if (g_ascii_strcasecmp (folder, "INBOX") != 0 &&
      !run_program (NULL, NULL, NULL, &create_error, self->doveadm, "-c", self->conf, "mailbox", "create",
                    "-u", PACTA_TEST_MAIL_USER, folder, NULL) &&
      strstr (create_error->message, "already exists") == NULL)
    g_propagate_error (error, g_steal_pointer (&create_error));
  else if (run_program (NULL, input, NULL, error, self->doveadm, "-c", self->conf, "save",
                        "-u", PACTA_TEST_MAIL_USER, "-m", folder, NULL) &&
           (uids = search_uids (self, folder, "ALL", error)) != NULL)
    {
      for (guint i = 0; i < uids->len; i++)
        uid = MAX (uid, g_array_index (uids, guint64, i));
      if (uid == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the message saved in %s is not there", folder);
    }
  g_mutex_unlock (&self->lock);
  return uid;
}

int
pacta_mail_servers_count (PactaMailServers *self,
                          const char       *folder,
                          const char       *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) uids = search_uids (self, folder, search, &error);

  if (uids == NULL)
    {
      g_test_message ("%s", error->message);
      return -1;
    }
  return (int) uids->len;
}

/* ---- what the SMTP server took ------------------------------------------------------ */

void
pacta_received_mail_free (PactaReceivedMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->mail_from);
  g_strfreev (mail->rcpt_to);
  g_clear_pointer (&mail->data, g_bytes_unref);
  g_free (mail);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* One spool file (smtp-server.py): "FROM x", "TO y" lines, a blank line, the data */
static PactaReceivedMail *
read_received (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rcpt = g_ptr_array_new_with_free_func (g_free);
  PactaReceivedMail *mail;
  gsize size = 0;
  const char *p;
  const char *end;

  if (!g_file_get_contents (path, &text, &size, NULL))
    return NULL;
  mail = g_new0 (PactaReceivedMail, 1);
  end = text + size;
  for (p = text; p < end && *p != '\n';)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));

      if (eol == NULL)
        eol = end;
      if (g_str_has_prefix (p, "FROM "))
        mail->mail_from = g_strndup (p + 5, (gsize) (eol - p - 5));
      else if (g_str_has_prefix (p, "TO "))
        g_ptr_array_add (rcpt, g_strndup (p + 3, (gsize) (eol - p - 3)));
      p = eol < end ? eol + 1 : end;
    }
  if (p < end)
    p++;
  g_ptr_array_add (rcpt, NULL);
  mail->rcpt_to = (GStrv) g_ptr_array_steal (rcpt, NULL);
  mail->data = g_bytes_new (p, (gsize) (end - p));
  if (mail->mail_from == NULL)
    mail->mail_from = g_strdup ("");
  return mail;
}

GPtrArray *
pacta_mail_servers_received (PactaMailServers *self)
{
  GPtrArray *received = g_ptr_array_new_with_free_func ((GDestroyNotify) pacta_received_mail_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (self->spool, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, ".msg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (self->spool, g_ptr_array_index (names, i), NULL);
      PactaReceivedMail *mail = read_received (path);

      if (mail != NULL)
        g_ptr_array_add (received, mail);
    }
  return received;
}

/* ---- SMTP faults -------------------------------------------------------------------- */

/* Replaces the spool's "faults" file (atomically: the server reads it at
 * every RCPT TO and every message). Called with the lock held. */
static void
write_faults (PactaMailServers *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (self->spool, "faults", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->refused->len; i++)
    g_string_append_printf (text, "refuse %s\n", (const char *) g_ptr_array_index (self->refused, i));
  g_string_append_printf (text, "defer %u %u\n", self->defer_generation, self->defer_count);
  g_string_append_printf (text, "drop %u %u\n", self->drop_generation, self->drop_count);
  g_string_append_printf (text, "hold %u %u\n", self->hold_generation, self->hold_nth);
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

void
pacta_mail_servers_smtp_refuse_recipient (PactaMailServers *self,
                                          const char       *address)
{
  g_assert_null (strpbrk (address, " \r\n"));
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->refused, g_strdup (address));
  write_faults (self);
  g_mutex_unlock (&self->lock);
}

void
pacta_mail_servers_smtp_defer_next (PactaMailServers *self,
                                    guint             count)
{
  g_mutex_lock (&self->lock);
  self->defer_generation = ++self->generation;
  self->defer_count = count;
  write_faults (self);
  g_mutex_unlock (&self->lock);
}

void
pacta_mail_servers_smtp_drop_after_data (PactaMailServers *self,
                                         guint             count)
{
  g_mutex_lock (&self->lock);
  self->drop_generation = ++self->generation;
  self->drop_count = count;
  write_faults (self);
  g_mutex_unlock (&self->lock);
}

/* Tells the SMTP server to answer what it holds (on its standard input,
 * which it reads as it runs). Called with the lock held. */
static void
send_release (PactaMailServers *self)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *in = g_subprocess_get_stdin_pipe (self->smtp_server);

  g_output_stream_write_all (in, "release\n", strlen ("release\n"), NULL, NULL, &error);
  g_assert_no_error (error);
}

void
pacta_mail_servers_smtp_clear_faults (PactaMailServers *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->refused, 0);
  self->defer_generation = ++self->generation;
  self->defer_count = 0;
  self->drop_generation = ++self->generation;
  self->drop_count = 0;
  self->hold_generation = ++self->generation;
  self->hold_nth = 0;
  write_faults (self);
  send_release (self);
  g_mutex_unlock (&self->lock);
}

void
pacta_mail_servers_smtp_hold_after_data (PactaMailServers *self,
                                         guint             nth)
{
  g_mutex_lock (&self->lock);
  self->hold_generation = ++self->generation;
  self->hold_nth = nth;
  write_faults (self);
  g_mutex_unlock (&self->lock);
}

/* The server marks each message it holds with a file NNNNNN.held */
guint
pacta_mail_servers_held (PactaMailServers *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->spool, 0, NULL);
  const char *name;
  guint held = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, ".held"))
      held++;
  return held;
}

void
pacta_mail_servers_smtp_release (PactaMailServers *self)
{
  g_mutex_lock (&self->lock);
  self->hold_generation = ++self->generation;
  self->hold_nth = 0;
  write_faults (self);
  send_release (self);
  g_mutex_unlock (&self->lock);
}
