/*
 * standard.h - a municipality's quality standard (kvalitetsstandard) as data.
 *
 * A genop_standard holds the rules genop holds a case to - deadlines,
 * limits, the attendance rule, eligibility rules - and the plain-language
 * content staff and letters need. Every rule carries its source: the
 * section heading of the municipality's own text it comes from, the words
 * it rests on, and a note where genop had to interpret the text.
 *
 * Standards are written in YAML (see docs/standard-format.md) and loaded by
 * standard_load.c; this header is only the in-memory shape and the small
 * functions that read it. A loaded standard is immutable and owns all of
 * its strings and its workday calendar.
 */
#ifndef GENOP_STANDARD_H
#define GENOP_STANDARD_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "date.h"

/* § 86 paragraphs as a bit set. */
enum {
    GENOP_PARA_86_1 = 1u << 0, /* stk. 1, genoptræning */
    GENOP_PARA_86_2 = 1u << 1, /* stk. 2, vedligeholdende træning */
};

typedef enum genop_unit {
    GENOP_UNIT_DAYS,
    GENOP_UNIT_WORKDAYS,
    GENOP_UNIT_WEEKS,
    GENOP_UNIT_MONTHS
} genop_unit;

/* The events (or derived moments) a deadline can count from or end with. */
typedef enum genop_anchor {
    GENOP_ANCHOR_REFERRAL_RECEIVED,
    GENOP_ANCHOR_CONTACTED,
    GENOP_ANCHOR_ASSESSMENT,
    GENOP_ANCHOR_DECISION,
    GENOP_ANCHOR_DECISION_RECEIVED,  /* else the decision's date */
    GENOP_ANCHOR_GRANT_RECEIVED,     /* else the granting decision's date */
    GENOP_ANCHOR_FIRST_SESSION,      /* the first counting session */
    GENOP_ANCHOR_COMPLAINT_RECEIVED,
    GENOP_ANCHOR_COMPLAINT_DECIDED,
    GENOP_ANCHOR_COMPLAINT_FORWARDED,
    GENOP_ANCHOR_CLOSED,
    GENOP_ANCHOR_COUNT
} genop_anchor;

/* When a deadline applies at all, beyond its start event having happened. */
typedef enum genop_condition {
    GENOP_WHEN_ALWAYS,
    GENOP_WHEN_GRANTED,          /* the (latest) decision granted training */
    GENOP_WHEN_NOT_REFUSED,      /* no decision yet, or it granted training */
    GENOP_WHEN_NOT_FULLY_UPHELD, /* the complaint was decided, not in full */
    GENOP_WHEN_COUNT
} genop_condition;

typedef enum genop_limit_kind {
    GENOP_LIMIT_SESSIONS,
    GENOP_LIMIT_ASSESSMENT_SESSIONS,
    GENOP_LIMIT_SESSIONS_PER_WEEK,
    GENOP_LIMIT_MINUTES_PER_WEEK,
    GENOP_LIMIT_COURSE_LENGTH,
    GENOP_LIMIT_COUNT
} genop_limit_kind;

typedef enum genop_attendance_count {
    GENOP_COUNT_NO_SHOWS,
    GENOP_COUNT_NO_SHOWS_AND_CANCELLATIONS
} genop_attendance_count;

/* Where a rule comes from: a section of the municipality's own text, or -
 * where the standard says nothing and the law's default applies - a law and
 * its paragraph. citation is "<Kommune>, <section>" or "<law> <paragraph>"
 * ("Retssikkerhedsloven § 67"), the string every result shows as its
 * source. Exactly one of section and law is set. */
typedef struct genop_source {
    char *section;
    char *quote;    /* the words the rule rests on, may be NULL */
    char *note;     /* how genop reads an ambiguous text, may be NULL */
    char *citation;
    char *law;      /* the law's short name ("Retssikkerhedsloven"), or NULL */
    char *law_paragraph; /* "§ 67", set exactly when law is */
} genop_source;

typedef struct genop_deadline_rule {
    char *id;
    char *label;             /* Danish name shown to staff */
    unsigned paragraphs;     /* GENOP_PARA_* bits */
    genop_anchor from;
    genop_anchor until;
    genop_condition when;
    int amount;
    genop_unit unit;
    bool due_on_workday;     /* a due date off a workday moves to the next */
    bool citizens_deadline;  /* the citizen's to keep (a complaint window), not
                                staff's: passing it is no breach by the unit */
    genop_source source;
} genop_deadline_rule;

typedef struct genop_limit_rule {
    genop_limit_kind kind;
    char *label;
    unsigned paragraphs;
    int max;                 /* sessions, minutes, or amount of unit */
    genop_unit unit;         /* course_length only: days, weeks or months */
    genop_source source;
} genop_limit_rule;

/* A hospital admission during a course puts it up for review (Skive:
 * "Udebliver eller indlægges borgeren, kan genoptræningen afsluttes"). */
typedef struct genop_admission_rule {
    bool present;
    unsigned paragraphs;     /* default: the attendance rule's */
    genop_source source;
} genop_admission_rule;

typedef struct genop_attendance_rule {
    bool present;
    unsigned paragraphs;
    genop_attendance_count counts;
    int review_limit;
    genop_source source;
    genop_admission_rule admission;   /* optional, under attendance */
} genop_attendance_rule;

typedef struct genop_age_rule {
    bool present;
    unsigned paragraphs;     /* the case paragraphs the rule applies to */
    int minimum_years;
    genop_source source;
} genop_age_rule;

typedef struct genop_flag_rule {
    bool present;
    unsigned paragraphs;     /* the case paragraphs the rule applies to */
    genop_source source;
} genop_flag_rule;

typedef struct genop_quarantine_rule {
    bool present;
    unsigned paragraphs;     /* the case paragraphs the rule applies to */
    int amount;
    genop_unit unit;         /* days, weeks or months */
    genop_source source;
} genop_quarantine_rule;

/* What the standard requires documented about a course (`documentation`).
 * end_status: a status at the end of every course (Skive: "Der udarbejdes
 * status ved starten og slutningen af træningsforløbet"; Nyborg:
 * "skriftlig dokumentation af effekt af træningen i slutstatus"), which a
 * function_status event of phase end records. */
typedef struct genop_documentation_rule {
    genop_flag_rule end_status;
} genop_documentation_rule;

typedef struct genop_text_list {
    char **items;
    size_t n;
} genop_text_list;

/* The plain-language parts of the standard: shown to staff, used in letters. */
typedef struct genop_content {
    genop_text_list purpose;
    genop_text_list target_group;
    genop_text_list includes;
    genop_text_list excludes;
    genop_text_list provider;
    genop_text_list obligations;
    genop_text_list complaints;
    genop_text_list contact;
} genop_content;

#define GENOP_DEADLINES_MAX 32
#define GENOP_LIMITS_MAX 16

/* What a complaint is about (the `about` of a complaint_received event and
 * of a complaint route): the decision itself, the service level (waiting
 * times, organisation, extent), or the professional content of the
 * training (health professionals' work). */
typedef enum genop_complaint_about {
    GENOP_ABOUT_DECISION,
    GENOP_ABOUT_SERVICE_LEVEL,
    GENOP_ABOUT_PROFESSIONAL,
    GENOP_ABOUT_COUNT
} genop_complaint_about;

/* Who decides a complaint in the end: the municipality alone, or an
 * outside body. */
typedef enum genop_complaint_handler {
    GENOP_HANDLER_MUNICIPALITY,
    GENOP_HANDLER_ANKESTYRELSEN,
    GENOP_HANDLER_PATIENTKLAGER,     /* Styrelsen for Patientklager */
    GENOP_HANDLER_COUNT
} genop_complaint_handler;

/* The municipality's unit a complaint is sent to, which reconsiders it, as
 * the text gives it (address and phone may be absent: never invented). */
typedef struct genop_complaint_unit {
    bool present;
    char *name;              /* "Visitationen" */
    genop_text_list address; /* "Lindholm Brygge 31", "9400 Nørresundby" */
    char *phone;             /* may be NULL */
    bool has_source;         /* the unit's own source, when it comes from
                                another section than the route */
    genop_source source;
} genop_complaint_unit;

/* A complaint route (`complaint_routes`, complaint_routes.h): what the
 * complaints it takes are about, whether the municipality reconsiders
 * them first (and which unit), and who decides them in the end. */
typedef struct genop_complaint_route {
    unsigned about;          /* bits 1u << genop_complaint_about */
    genop_complaint_handler handler;
    bool reconsiders;        /* the municipality reconsiders it first */
    genop_complaint_unit unit;
    char *web;               /* where an outside body takes complaints, or NULL */
    char *text_names;        /* the body the text names where it no longer
                                exists (Nyborg: "Det Sociale Nævn"), or NULL */
    genop_source source;
} genop_complaint_route;

/* Each `about` is in one route at most, so three routes at most. */
#define GENOP_COMPLAINT_ROUTES_MAX GENOP_ABOUT_COUNT

/* A reason a course may end, as the standard's `closure_reasons` name it
 * (closure_reasons.h adds genop's general reasons to them). */
typedef struct genop_closure_reason {
    char *id;                /* [a-z0-9_], unique in the standard */
    char *label;             /* Danish, shown to staff */
    genop_source source;
} genop_closure_reason;

#define GENOP_CLOSURE_REASONS_MAX 32

/* A condition the standard's text sets for who can or cannot receive
 * training, beyond the eligibility rules genop checks itself (Rødovre:
 * "Borgere som vurderes at kunne træne i andet regi"): a visitator judges
 * it, and a refusal's reasons name it (shared/spec/letters.md section 1;
 * criteria.h lists it with the eligibility rules). */
typedef struct genop_criterion {
    char *id;                /* [a-z0-9_], unique in the standard */
    char *text;              /* Danish: the condition, as staff and letters state it */
    unsigned paragraphs;     /* the case paragraphs it concerns */
    genop_source source;
} genop_criterion;

#define GENOP_CRITERIA_MAX 32

/* What the standard says about its own revision (`revision`; revision.h
 * judges it). approved_on is required when every is given. */
typedef struct genop_revision_rule {
    bool present;
    bool has_approved_on;
    genop_date approved_on;
    bool has_every;
    int every_amount;        /* 1-1200 */
    genop_unit every_unit;   /* days, weeks or months */
    genop_source source;
} genop_revision_rule;

/* The letterhead of the municipality's letters (`letters.sender`): the
 * unit that decides and how to reach it, each part as the standard's text
 * gives it (the source's quote holds every part). A part the text does
 * not give is NULL (an empty address list): genop never invents one. The
 * municipality's name is the standard's own. */
#define GENOP_LETTERHEAD_ADDRESS_MAX 4
typedef struct genop_letterhead {
    bool present;
    char *unit;              /* "Visitationen" */
    genop_text_list address; /* "Lindholm Brygge 31", "9400 Nørresundby" */
    char *phone;             /* "99 82 50 00", or NULL */
    char *email;             /* or NULL */
    char *web;               /* or NULL */
    genop_source source;
} genop_letterhead;

/* What the standard says of a cancelled appointment, for one side (who
 * cancels; `cancellations`, standard_load_cancellations.c): whether the
 * citizen is offered a new time. */
typedef enum genop_new_time {
    GENOP_NEW_TIME_UNSPECIFIED,  /* the text speaks of it, but promises nothing */
    GENOP_NEW_TIME_PROMISED,     /* a new time is offered (Aalborg's provider) */
    GENOP_NEW_TIME_NOT_OFFERED,  /* no new time (Skive's citizen) */
} genop_new_time;

typedef struct genop_cancellation_rule {
    bool present;                /* false: the text says nothing */
    genop_new_time new_time;
    genop_source source;
} genop_cancellation_rule;

typedef struct genop_standard {
    char *id;                 /* "aalborg" */
    char *municipality;       /* "Aalborg Kommune" */
    char *short_name;         /* "Aalborg", used in citations */
    int municipality_code;    /* kommunekode, e.g. 851 */
    char *title;
    char *approved;           /* who approved it and when, as written */
    bool has_effective_from;  /* false when the text gives no date */
    genop_date effective_from;
    unsigned paragraphs;
    genop_deadline_rule deadlines[GENOP_DEADLINES_MAX];
    size_t n_deadlines;
    genop_limit_rule limits[GENOP_LIMITS_MAX];
    size_t n_limits;
    genop_attendance_rule attendance;
    genop_age_rule minimum_age;
    genop_flag_rule residency;
    genop_flag_rule hospital_plan_excludes;
    genop_quarantine_rule quarantine;
    genop_documentation_rule documentation;
    /* `complaint_routes`; without them in the YAML, the law's default
     * route (complaint_routes.h), so there is always one for decisions. */
    genop_complaint_route complaint_routes[GENOP_COMPLAINT_ROUTES_MAX];
    size_t n_complaint_routes;
    genop_content content;
    genop_calendar *calendar; /* owned: public holidays + days off */
    genop_closure_reason closure_reasons[GENOP_CLOSURE_REASONS_MAX];
    size_t n_closure_reasons;
    genop_revision_rule revision;
    genop_criterion criteria[GENOP_CRITERIA_MAX];   /* `criteria`, in the YAML's order */
    size_t n_criteria;
    genop_letterhead letterhead;   /* `letters.sender` */
    /* `cancellations`: by the provider (the training unit) and by the citizen. */
    genop_cancellation_rule cancel_by_provider, cancel_by_citizen;
} genop_standard;

/* Frees a standard and everything it owns. NULL is fine. */
void genop_standard_free(genop_standard *std);

/* Names used in YAML and JSON ("workdays", "first_session", ...). */
const char *genop_unit_name(genop_unit unit);
const char *genop_anchor_name(genop_anchor anchor);
const char *genop_condition_name(genop_condition when);
const char *genop_limit_name(genop_limit_kind kind);
/* Danish names, for summaries and letters. */
const char *genop_unit_label_da(genop_unit unit, int amount);
const char *genop_anchor_label_da(genop_anchor anchor);

/* "unspecified", "promised", "not_offered" (YAML and JSON). */
const char *genop_new_time_name(genop_new_time t);

/* Reverse lookups; return false if the name is unknown. */
bool genop_unit_from_name(const char *name, genop_unit *out);
bool genop_anchor_from_name(const char *name, genop_anchor *out);
bool genop_condition_from_name(const char *name, genop_condition *out);
bool genop_limit_from_name(const char *name, genop_limit_kind *out);
bool genop_new_time_from_name(const char *name, genop_new_time *out);

/* The paragraph bit for "86.1"/"86.2", or 0 if the text is neither. */
unsigned genop_paragraph_from_name(const char *name);
const char *genop_paragraph_name(unsigned bit);

/* date + amount units, using the standard's calendar for workdays. */
genop_err genop_standard_add(const genop_standard *std, genop_date date,
                             int amount, genop_unit unit, genop_date *out,
                             genop_error *e);

#endif
