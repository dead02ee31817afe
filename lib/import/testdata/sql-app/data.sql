--
-- PostgreSQL database dump (data only) of the project-tracker app
--
SET client_encoding = 'UTF8';

COPY public.teams (id, name, owner_id, created_at) FROM stdin;
1	Platform	10	2024-01-02 09:00:00+00
2	Growth	12	2024-02-10 14:30:00.123456+01
3	Orphans	\N	2024-03-01 00:00:00+00
\.

COPY public.users (id, team_id, email, display_name, is_admin, avatar, settings, last_login) FROM stdin;
10	1	ada@example.com	Ada Lovelace	t	\\x89504e47	{"theme": "dark", "beta": true}	2024-05-01 08:15:00
11	1	grace@example.com	Grace\tHopper	f	\N	{}	\N
12	2	linus@example.com	\N	f	\N	{"langs": ["c", "git"]}	2024-05-03 10:00:00
13	2	broken@example.com	Broken Bool	maybe	\N	{}	\N
14	9	noteam@example.com	No Team	f	\N	{}	\N
\.

COPY public.projects (id, team_id, name, budget, starts_on, tags) FROM stdin;
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	1	Convex migration	125000.50	2024-06-01	{infra,"data model"}
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a02	2	Onboarding	\N	\N	{}
\.

COPY public.project_members (project_id, user_id, role) FROM stdin;
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	10	owner
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	11	member
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a02	12	owner
6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	10	duplicate
\.

COPY public.tasks (id, project_id, parent_task_id, assignee_id, title, status, priority, estimate_hours, due_at, "position") FROM stdin;
101	6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	102	10	Write the import	doing	high	6.5	2024-06-15 17:00:00+00	{1,2}
102	6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a01	\N	11	Plan the migration	done	\N	\N	\N	{1}
103	6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a02	\N	999	Welcome email	todo	low	2	\N	\N
104	6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a02	103	\N	Line one\nline two	todo	normal	\N	\N	\N
105	6f1c2f4e-1b7a-4f54-9d43-3b0f4f3f0a09	\N	\N	Lost project	todo	\N	\N	\N	\N
\.

COPY public.labels (id, team_id, name, color) FROM stdin;
1	1	bug	#ff0000
2	1	feature	#00ff00
3	1	bug	#aa0000
\.

COPY public.task_labels (task_id, label_id) FROM stdin;
101	2
102	1
103	1
\.

COPY public.comments (id, task_id, author_id, body, created_at) FROM stdin;
1000	101	10	Looks good; ship it	2024-06-02 12:00:00+00
1001	101	77	Who am I?	2024-06-02 12:05:00+00
1002	102	11	Tabs\there and a backslash \\ too	2024-06-03 09:00:00+00
\.

COPY public.attachments (id, comment_id, file_name, content, size_bytes) FROM stdin;
1	1000	diagram.png	\\x89504e470d0a1a0a	8
2	1001	orphan.txt	\\x6869	2
\.

COPY public.legacy_sessions (id, token) FROM stdin;
1	abc
\.

INSERT INTO public.audit_events (id, actor_id, kind, payload, at, duration) VALUES (9000000000, 10, 'login', '{"ip": "10.0.0.1"}'::jsonb, '2024-06-01 08:00:00+00', '00:00:05');
INSERT INTO public.audit_events (id, actor_id, kind, payload, at, duration) VALUES
    (9000000001, NULL, E'system\\tjob', NULL, '2024-06-01T09:00:00Z', NULL),
    (9000000002, 12, 'export', '{"rows": 42, "format": "csv"}', '2024-06-02 10:00:00.5+02', '1 day'),
    (9000000003, 10, 'bad', '{not json', '2024-06-02 10:00:00+00', NULL);
