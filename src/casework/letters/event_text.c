/*
 * event_text.c - a case's event in Danish words (see event_text.h). The
 * words are the web app's (web/labels.js) where it has them, so the
 * citizen's copy reads as the staff's screen does.
 */
#include "event_text.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "criteria.h"
#include "date.h"
#include "json_tree.h"

typedef struct word {
    const char *code;
    const char *da;
} word;

static const word EVENT_TYPES[] = {
    {"referral_received", "Henvendelse modtaget"},
    {"contacted", "Kontakt til borgeren"},
    {"assessment", "Udredning/samtale"},
    {"decision", "Afgørelse"},
    {"decision_received", "Borgeren modtog afgørelsen"},
    {"grant_received", "Bevilling modtaget"},
    {"session", "Træningsgang"},
    {"closed", "Forløbet afsluttet"},
    {"complaint_received", "Klage modtaget"},
    {"complaint_decided", "Klage genvurderet"},
    {"complaint_forwarded", "Klage videresendt til Ankestyrelsen"},
    {"appeal_decided", "Ankestyrelsens afgørelse"},
    {"hospital_plan", "Genoptræningsplan fra sygehus"},
    {"previous_course", "Tidligere forløb"},
    {"function_status", "Udredning (FSIII)"},
    {"admitted", "Indlagt på sygehus"},
    {"assigned", "Ansvarlig tildelt"},
    {"note", "Journalnotat"},
    {"correction", "Rettelse"},
    {NULL, NULL},
};

/* The members' names. */
static const word MEMBERS[] = {
    {"text", "Tekst"}, {"granted", "Bevilget"}, {"grant", "Bevilling"},
    {"form", "Træningsform"}, {"place", "Sted"},
    {"sessions_per_week", "Træningsgange om ugen"},
    {"minutes_per_session", "Minutter pr. træningsgang"},
    {"sessions", "Træningsgange i alt"}, {"until", "Til og med"},
    {"transport", "Kørsel"}, {"exceptions", "Undtagelser fra standardens grænser"},
    {"limit", "Grænse"}, {"max", "Højst"}, {"reason", "Begrundelse"},
    {"reasons", "Begrundelser"}, {"criterion", "Kriterium"},
    {"minutes", "Minutter"}, {"outcome", "Udfald"}, {"kind", "Slags"},
    {"upheld", "Medhold"}, {"condition", "Lidelse"}, {"paragraph", "Paragraf"},
    {"source", "Henvist af"}, {"channel", "Modtaget"}, {"about", "Klagen angår"},
    {"role", "Rolle"}, {"user", "Bruger"}, {"corrects", "Retter hændelse nr."},
    {"what", "Rettelsen"}, {"items", "Vurderinger"}, {"goals", "Mål"},
    {"code", "Kode"}, {"level", "Niveau"}, {"reached", "Nået"},
    {"phase", "Tidspunkt"}, {"area", "Område"}, {"consent", "Samtykke"},
    {"username", "Bruger"}, {"relatives", "Pårørende"}, {NULL, NULL},
};

/* Codes in values. */
static const word CODES[] = {
    {"attended", "fremmødt"}, {"citizen_cancelled", "afbud"},
    {"no_show", "udeblevet"}, {"provider_cancelled", "aflyst af kommunen"},
    {"training", "træning"}, {"assessment", "udredning"},
    {"full", "fuldt medhold"}, {"partial", "delvist medhold"}, {"none", "intet medhold"},
    {"team", "holdtræning"}, {"individual", "individuel træning"},
    {"self_training", "egentræning med vejledning"},
    {"centre", "træningscenter"}, {"home", "i hjemmet"}, {"local_area", "i nærmiljøet"},
    {"upheld", "stadfæstet"}, {"changed", "ændret"}, {"annulled", "ophævet"},
    {"remitted", "hjemvist"}, {"oral", "mundtligt"}, {"written", "skriftligt"},
    {"decision", "afgørelsen"}, {"service_level", "serviceniveauet"},
    {"professional", "det faglige indhold"}, {"visitator", "visitator"},
    {"terapeut", "terapeut"}, {"86.1", "§ 86, stk. 1"}, {"86.2", "§ 86, stk. 2"},
    {"start", "start"}, {"end", "slut"},
    {"other", "anden begrundelse (ikke et af kvalitetsstandardens kriterier)"}, {NULL, NULL},
};

static const char *lookup(const word *table, const char *code)
{
    for (size_t i = 0; table[i].code; i++)
        if (strcmp(table[i].code, code) == 0) return table[i].da;
    return NULL;
}

const char *casework_event_type_da(const char *type)
{
    const char *da = lookup(EVENT_TYPES, type);
    return da ? da : type;
}

static void add_value(genop_buf *out, const json_t *v, const genop_standard *std);

/* A string: a date in Danish, a known code in Danish, else as it is. */
static void add_string(genop_buf *out, const char *s)
{
    genop_date d;
    char da[GENOP_DATE_DA_SIZE];
    const char *word_da = lookup(CODES, s);
    if (strlen(s) == 10 && genop_date_parse(s, &d, NULL) == GENOP_OK)
        genop_buf_adds(out, genop_date_format_da(d, da));
    else
        genop_buf_adds(out, word_da ? word_da : s);
}

/* A criterion's text or a limit's label as std words it, appended for the
 * member key's value v; false when std has no word for it. */
static bool add_standard_word(genop_buf *out, const char *key, const json_t *v,
                              const genop_standard *std)
{
    const char *id = json_string_value(v);
    if (!std || !id) return false;
    if (strcmp(key, "criterion") == 0) {
        genop_criterion_entry c;
        char buf[GENOP_CRITERION_TEXT_MAX];
        if (!genop_criterion_find(std, id, &c)) return false;
        genop_buf_addf(out, "»%s«", genop_criterion_text(std, &c, buf, sizeof buf));
        return true;
    }
    genop_limit_kind kind;
    if (strcmp(key, "limit") != 0 || !genop_limit_from_name(id, &kind)) return false;
    for (size_t i = 0; i < std->n_limits; i++) {
        if (std->limits[i].kind == kind && std->limits[i].label) {
            genop_buf_adds(out, std->limits[i].label);
            return true;
        }
    }
    return false;
}

/* The members of o but those named in skip (NULL-terminated), as
 * "Navn: værdi" joined by sep. */
static void add_members(genop_buf *out, const json_t *o, const char *const *skip, const char *sep,
                        const genop_standard *std)
{
    const char *key;
    const json_t *v;
    int first = 1;
    json_object_foreach((json_t *)o, key, v) {
        int skipped = 0;
        for (size_t i = 0; skip && skip[i]; i++) skipped |= strcmp(skip[i], key) == 0;
        if (skipped) continue;
        const char *name = lookup(MEMBERS, key);
        genop_buf_adds(out, first ? "" : sep);
        genop_buf_adds(out, name ? name : key);
        genop_buf_adds(out, ": ");
        if (!add_standard_word(out, key, v, std)) add_value(out, v, std);
        first = 0;
    }
}

static void add_value(genop_buf *out, const json_t *v, const genop_standard *std)
{
    switch (json_typeof(v)) {
    case JSON_STRING: add_string(out, json_string_value(v)); break;
    case JSON_TRUE: genop_buf_adds(out, "ja"); break;
    case JSON_FALSE: genop_buf_adds(out, "nej"); break;
    case JSON_NULL: genop_buf_adds(out, "ingen"); break;
    case JSON_INTEGER: genop_buf_add_long(out, (long)json_integer_value(v)); break;
    case JSON_REAL: genop_buf_addf(out, "%g", json_real_value(v)); break;
    case JSON_OBJECT:
        genop_buf_adds(out, "(");
        add_members(out, v, NULL, ", ", std);
        genop_buf_adds(out, ")");
        break;
    case JSON_ARRAY: {
        size_t i;
        const json_t *item;
        if (json_array_size(v) == 0) genop_buf_adds(out, "ingen");
        json_array_foreach((json_t *)v, i, item) {
            if (i) genop_buf_adds(out, "; ");
            add_value(out, item, std);
        }
        break;
    }
    }
}

genop_err casework_event_text_da(const genop_event_row *ev, const genop_standard *std,
                                 genop_buf *out, genop_error *e)
{
    static const char *const shown_beside[] = {"type", "date", NULL};
    json_t *body = NULL;
    const char *text = ev->body ? ev->body : "{}";
    genop_err err = genop_json_parse(text, strlen(text), &body, e);
    if (err) return err;
    if (json_is_object(body)) add_members(out, body, shown_beside, ". ", std);
    json_decref(body);
    return GENOP_OK;
}

/* Reads "YYYY-MM-DDTHH:MM:SS..." into seconds since 1970 (UTC). */
static int parse_utc(const char *utc, int64_t *out)
{
    char day[11];
    int hh, mm, ss;
    genop_date d;
    if (!utc || strlen(utc) < 19 || utc[10] != 'T') return 0;
    memcpy(day, utc, 10);
    day[10] = '\0';
    if (genop_date_parse(day, &d, NULL) != GENOP_OK) return 0;
    if (sscanf(utc + 11, "%2d:%2d:%2d", &hh, &mm, &ss) != 3) return 0;
    if (hh > 23 || mm > 59 || ss > 60) return 0;
    *out = (int64_t)d * 86400 + hh * 3600 + mm * 60 + ss;
    return 1;
}

void casework_timestamp_da(const char *utc, genop_buf *out)
{
    int64_t t;
    int minute;
    char da[GENOP_DATE_DA_SIZE];
    if (!parse_utc(utc, &t)) {
        genop_buf_adds(out, utc ? utc : "");
        return;
    }
    genop_date local = genop_time_in_denmark(t, &minute);
    genop_buf_addf(out, "%s kl. %02d.%02d", genop_date_format_da(local, da), minute / 60,
                   minute % 60);
}
