/*
 * bench_letters.c - letters made per second (src/letters/letter_pdf.h):
 * a typical two-page decision letter (the JSON document given, normally
 * tests/letters/decision_aalborg.json) laid out as PDF again and again,
 *   - on one thread: letters per second of wall time and the CPU time of
 *     one letter (layout, shaping, font subsetting, compression);
 *   - on THREADS threads at once (genop serve renders on several): the
 *     letters per second of them all, which shows whether anything is
 *     shared that serialises them;
 * and the size in bytes of the letter's PDF.
 *   bench_letters DOC.json [LETTERS] [THREADS]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "letter_doc_json.h"
#include "letter_pdf.h"

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct run {
    const genop_letter_doc *doc;
    long letters;
    size_t bytes;   /* the last PDF's size */
    int pages;
    int failed;
} run;

/* Renders run->doc run->letters times. */
static void *render_many(void *arg)
{
    run *r = arg;
    genop_buf pdf = { 0 };
    for (long i = 0; i < r->letters && !r->failed; i++) {
        genop_letter_pdf_info info;
        genop_error e = { 0 };
        genop_buf_reset(&pdf);
        if (genop_letter_pdf(r->doc, &pdf, &info, &e)) {
            fprintf(stderr, "bench_letters: %s\n", e.message);
            r->failed = 1;
        }
        r->bytes = pdf.len;
        r->pages = info.pages;
    }
    genop_buf_release(&pdf);
    return NULL;
}

static genop_letter_doc *read_doc(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    genop_buf text = { 0 };
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) genop_buf_add(&text, chunk, n);
    fclose(f);
    genop_letter_doc *doc = NULL;
    genop_error e = { 0 };
    if (genop_letter_doc_read_json(text.data ? text.data : "", text.len, &doc, &e))
        fprintf(stderr, "bench_letters: %s: %s\n", path, e.message);
    genop_buf_release(&text);
    return doc;
}

static int on_threads(const genop_letter_doc *doc, long letters, int threads)
{
    pthread_t t[64];
    run runs[64];
    double w0 = seconds(CLOCK_MONOTONIC);
    for (int i = 0; i < threads; i++) {
        runs[i] = (run){ .doc = doc, .letters = letters };
        if (pthread_create(&t[i], NULL, render_many, &runs[i])) return 1;
    }
    int failed = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        failed |= runs[i].failed;
    }
    double wall = seconds(CLOCK_MONOTONIC) - w0;
    printf("letters on %d threads: %ld in %.3f s = %.0f letters/s\n", threads,
           letters * threads, wall, (double)(letters * threads) / wall);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_letters DOC.json [LETTERS] [THREADS]\n");
        return 2;
    }
    long letters = argc > 2 ? strtol(argv[2], NULL, 10) : 500;
    int threads = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 2;
    if (letters < 1) letters = 1;
    if (threads < 1 || threads > 64) threads = 2;
    genop_letter_doc *doc = read_doc(argv[1]);
    if (!doc) return 1;
    run one = { .doc = doc, .letters = 1 };
    render_many(&one);   /* the thread's fonts loaded before timing */
    one.letters = letters;
    double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_THREAD_CPUTIME_ID);
    render_many(&one);
    double wall = seconds(CLOCK_MONOTONIC) - w0, cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
    printf("letters on one thread: %ld in %.3f s = %.0f letters/s, %.2f ms CPU a letter\n",
           letters, wall, (double)letters / wall, cpu / (double)letters * 1e3);
    printf("typical letter: %d pages, %zu bytes of PDF\n", one.pages, one.bytes);
    int failed = one.failed || on_threads(doc, letters, threads);
    genop_letter_doc_free(doc);
    genop_letter_pdf_shutdown();
    return failed;
}
