/*
 * server.h - genop serve (being written).
 */
#ifndef GENOP_SERVER_H
#define GENOP_SERVER_H
#endif
