--
-- PostgreSQL database dump of a project-tracker app (10 tables)
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE TYPE public.task_status AS ENUM (
    'todo',
    'doing',
    'done'
);

CREATE TYPE public.priority AS ENUM ('low', 'normal', 'high');

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now(); -- a semicolon inside a dollar-quoted body
  RETURN NEW;
END;
$$;

CREATE TABLE public.teams (
    id integer NOT NULL,
    name character varying(120) NOT NULL,
    owner_id integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE SEQUENCE public.teams_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.teams_id_seq OWNED BY public.teams.id;

CREATE TABLE public.users (
    id integer NOT NULL,
    team_id integer NOT NULL,
    email text NOT NULL,
    display_name text,
    is_admin boolean DEFAULT false NOT NULL,
    avatar bytea,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    last_login timestamp without time zone,
    CONSTRAINT users_email_check CHECK ((position('@' in email) > 1))
);

CREATE TABLE public.projects (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    team_id integer NOT NULL REFERENCES public.teams(id) ON DELETE CASCADE,
    name text NOT NULL,
    budget numeric(12,2),
    starts_on date,
    tags text[] DEFAULT '{}'::text[] NOT NULL
);

CREATE TABLE public.project_members (
    project_id uuid NOT NULL,
    user_id integer NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE public.tasks (
    id bigserial PRIMARY KEY,
    project_id uuid NOT NULL,
    parent_task_id bigint,
    assignee_id integer,
    title character varying(200) NOT NULL,
    status public.task_status DEFAULT 'todo'::public.task_status NOT NULL,
    priority public.priority,
    estimate_hours real,
    due_at timestamp with time zone,
    position integer[]
);

CREATE TABLE public.labels (
    id serial PRIMARY KEY,
    team_id integer NOT NULL REFERENCES public.teams(id),
    name text NOT NULL,
    color character(7) DEFAULT '#888888'::bpchar NOT NULL,
    UNIQUE (team_id, name)
);

CREATE TABLE public.task_labels (
    task_id bigint NOT NULL REFERENCES public.tasks(id),
    label_id integer NOT NULL REFERENCES public.labels(id),
    CONSTRAINT task_labels_pkey PRIMARY KEY (task_id, label_id)
);

CREATE TABLE public.comments (
    id serial PRIMARY KEY,
    task_id bigint NOT NULL,
    author_id integer NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.attachments (
    id serial PRIMARY KEY,
    comment_id integer NOT NULL,
    file_name text NOT NULL,
    content bytea NOT NULL,
    size_bytes bigint NOT NULL
);

CREATE TABLE public.audit_events (
    id bigserial PRIMARY KEY,
    actor_id integer,
    kind text NOT NULL,
    payload jsonb,
    at timestamp with time zone NOT NULL,
    duration interval
);

CREATE VIEW public.open_tasks AS
 SELECT tasks.id, tasks.title FROM public.tasks WHERE (tasks.status <> 'done'::public.task_status);

ALTER TABLE ONLY public.teams ALTER COLUMN id SET DEFAULT nextval('public.teams_id_seq'::regclass);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id);

ALTER TABLE ONLY public.project_members
    ADD CONSTRAINT project_members_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.project_members
    ADD CONSTRAINT project_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id);

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_parent_task_id_fkey FOREIGN KEY (parent_task_id) REFERENCES public.tasks(id);

ALTER TABLE ONLY public.tasks
    ADD CONSTRAINT tasks_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES public.users(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_task_id_fkey FOREIGN KEY (task_id) REFERENCES public.tasks(id);

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES public.comments(id);

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.users(id);

CREATE INDEX tasks_project_status_idx ON public.tasks USING btree (project_id, status);
CREATE INDEX tasks_due_idx ON public.tasks USING btree (due_at) WHERE (status <> 'done'::public.task_status);
CREATE UNIQUE INDEX users_lower_email_idx ON public.users USING btree (lower(email));
CREATE INDEX audit_events_payload_idx ON public.audit_events USING gin (payload);
CREATE INDEX comments_task_created_idx ON public.comments (task_id, created_at DESC);

CREATE TRIGGER tasks_touch BEFORE UPDATE ON public.tasks FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

COMMENT ON TABLE public.tasks IS 'Work items; a task may have sub-tasks.';
COMMENT ON COLUMN public.tasks.estimate_hours IS 'Best guess, in hours; it''s never binding.';
