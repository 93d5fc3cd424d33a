/*
 * server.c - genop serve (being written).
 */
#include "server.h"
