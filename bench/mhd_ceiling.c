/*
 * mhd_ceiling.c - the ceiling of the API benchmark (bench/api.sh): the
 * least a libmicrohttpd server can do per request, run exactly as `genop
 * serve` runs libmicrohttpd (src/server/transport.c and server.c), so that
 * genop's figures can be read against what the server library itself
 * allows on this machine.
 *
 *   mhd_ceiling PORT [THREADS [BODY_BYTES]]
 *
 * Same as genop serve: a listening socket on 127.0.0.1:PORT bound by us
 * (SO_REUSEADDR, backlog 128, non-blocking) and handed to libmicrohttpd
 * with MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, a thread pool of
 * THREADS workers (default 4, genop serve's default), a 30 s connection
 * timeout and at most 512 connections; the handler is called for the
 * headers first and answers on its last call; each answer is a response
 * made from a copied buffer (MHD_RESPMEM_MUST_COPY) with the headers genop
 * adds to every API answer. What it leaves out is all of genop's own work:
 * routing, login, the store, the evaluation and the JSON. The body is a
 * fixed JSON object of BODY_BYTES bytes (default 3072, about a case read).
 * Any method and path get the same 200 answer. Stops on SIGTERM or SIGINT.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct ceiling {
    char *body;
    size_t len;
} ceiling;

/* A first-call marker: the handler's per-request pointer is set to it. */
static int seen_marker;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    const ceiling *c = cls;
    if (*con_cls == NULL) {              /* headers only: wait for the body */
        *con_cls = &seen_marker;
        return MHD_YES;
    }
    if (*upload_data_size) {             /* a piece of body: dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(c->len, c->body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* {"ceiling":true,"text":"aaaa..."} of exactly len bytes (len >= 32). */
static char *make_body(size_t len)
{
    static const char head[] = "{\"ceiling\":true,\"text\":\"", tail[] = "\"}";
    char *b = malloc(len + 1);
    if (!b)
        return NULL;
    size_t h = sizeof head - 1, t = sizeof tail - 1;
    memcpy(b, head, h);
    memset(b + h, 'a', len - h - t);
    memcpy(b + len - t, tail, t);
    b[len] = '\0';
    return b;
}

static int listen_on(unsigned port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1, s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 128) != 0 ||
        fcntl(s, F_SETFD, FD_CLOEXEC) != 0 || fcntl(s, F_SETFL, O_NONBLOCK) != 0) {
        fprintf(stderr, "mhd_ceiling: cannot listen on 127.0.0.1:%u: %s\n", port,
                strerror(errno));
        if (s >= 0)
            close(s);
        return -1;
    }
    return s;
}

static bool parse_unsigned(const char *s, unsigned long min, unsigned long max,
                           unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end || errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    unsigned long port, threads = 4, len = 3072;
    if (argc < 2 || argc > 4 || !parse_unsigned(argv[1], 1, 65535, &port) ||
        (argc > 2 && !parse_unsigned(argv[2], 1, 64, &threads)) ||
        (argc > 3 && !parse_unsigned(argv[3], 32, 1u << 20, &len))) {
        fprintf(stderr, "usage: mhd_ceiling PORT [THREADS [BODY_BYTES]]\n");
        return 2;
    }
    /* As server.c: the stop signals go to sigwait() only, in every thread. */
    sigset_t stop, blocked;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    blocked = stop;
    sigaddset(&blocked, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &blocked, NULL);

    ceiling c = {make_body(len), len};
    int fd = c.body ? listen_on((unsigned)port) : -1;
    if (fd < 0) {
        free(c.body);
        return 1;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL, on_request, &c,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "mhd_ceiling: libmicrohttpd could not start\n");
        close(fd);
        free(c.body);
        return 1;
    }
    printf("mhd_ceiling listening on http://127.0.0.1:%lu (%lu threads, %lu-byte body)\n", port,
           threads, len);
    fflush(stdout);
    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    MHD_stop_daemon(d);
    free(c.body);
    return 0;
}
