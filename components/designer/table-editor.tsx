"use client";
import { useState, type FormEvent } from "react";
import { removeFieldOperations, dropTableOperations } from "@/lib/diagram";
import {
  fieldNameError,
  sameValidator,
  type SchemaModel,
  type SchemaOperation,
  type Table,
} from "@/lib/schema/browser";
import { fromValidator, toValidator, TYPE_CHOICES, type TypeChoice } from "./validator-choice";

interface Props {
  model: SchemaModel;
  table: Table;
  onOperations(ops: SchemaOperation[]): void;
  onClose(): void;
}

const input = "rounded border border-slate-300 px-1.5 py-1 text-xs focus:border-brand-500 focus:outline-none";

/** Edits one table: fields with their types and optionality, new fields, deletion. Every edit is an operation. */
export function TableEditor({ model, table, onOperations, onClose }: Props) {
  return (
    <aside
      className="flex h-full w-full flex-col overflow-y-auto border-l border-slate-200 bg-white sm:w-80"
      aria-label={`Edit table ${table.name}`}
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="font-mono text-sm font-semibold">{table.name}</h2>
        <button
          type="button"
          onClick={onClose}
          className="text-xs text-slate-500 hover:text-slate-800"
          aria-label="Close editor"
        >
          Close
        </button>
      </div>
      <ul className="divide-y divide-slate-100 px-4">
        {table.fields.map((f) => (
          <FieldRow key={f.name} model={model} table={table} name={f.name} onOperations={onOperations} />
        ))}
      </ul>
      <AddField model={model} table={table} onOperations={onOperations} />
      <div className="mt-auto border-t border-slate-100 p-4">
        <button
          type="button"
          className="text-xs text-red-700 hover:underline"
          onClick={() => onOperations(dropTableOperations(model, table.name))}
        >
          Delete table “{table.name}”
        </button>
      </div>
    </aside>
  );
}

function FieldRow({
  model,
  table,
  name,
  onOperations,
}: {
  model: SchemaModel;
  table: Table;
  name: string;
  onOperations(ops: SchemaOperation[]): void;
}) {
  const field = table.fields.find((f) => f.name === name)!;
  const initial = fromValidator(field.validator);
  const [choice, setChoice] = useState<TypeChoice>(initial.choice);
  const [detail, setDetail] = useState(initial.detail);
  const [newName, setNewName] = useState(name);
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const ops: SchemaOperation[] = [];
    const validator = toValidator(choice, detail);
    if ("error" in validator) return setError(validator.error);
    if (!sameValidator(validator, field.validator))
      ops.push({ op: "changeFieldType", table: table.name, field: name, validator });
    if (newName.trim() !== name) {
      const wrong = fieldNameError(newName.trim());
      if (wrong) return setError(wrong); // said here, next to the name, and the typed name stays
      ops.push({ op: "renameField", table: table.name, from: name, to: newName.trim() });
    }
    setError(null);
    if (ops.length) onOperations(ops);
  }

  return (
    <li className="space-y-1 py-2">
      <div className="flex items-center gap-1">
        <input
          aria-label={`Name of ${name}`}
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          className={`${input} min-w-0 flex-1 font-mono`}
        />
        <label className="flex items-center gap-1 text-[11px] text-slate-600" title="optional">
          <input
            type="checkbox"
            aria-label={`${name} optional`}
            checked={field.optional}
            onChange={(e) =>
              onOperations([{ op: "setOptional", table: table.name, field: name, optional: e.target.checked }])
            }
          />
          opt
        </label>
        <button
          type="button"
          aria-label={`Remove field ${name}`}
          className="px-1 text-xs text-red-600 hover:text-red-800"
          onClick={() => onOperations(removeFieldOperations(model, table.name, name))}
        >
          ✕
        </button>
      </div>
      <TypeInputs
        model={model}
        choice={choice}
        detail={detail}
        label={name}
        onChoice={setChoice}
        onDetail={setDetail}
      />
      {error && <p className="text-[11px] text-red-700">{error}</p>}
      <button type="button" onClick={apply} className="text-[11px] font-medium text-brand-600 hover:underline">
        Apply
      </button>
    </li>
  );
}

function AddField({
  model,
  table,
  onOperations,
}: {
  model: SchemaModel;
  table: Table;
  onOperations(ops: SchemaOperation[]): void;
}) {
  const [name, setName] = useState("");
  const [choice, setChoice] = useState<TypeChoice>("string");
  const [detail, setDetail] = useState("");
  const [optional, setOptional] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const wrong =
      fieldNameError(name.trim()) ??
      (table.fields.some((f) => f.name === name.trim())
        ? `"${table.name}" already has a field "${name.trim()}".`
        : null);
    if (wrong) return setError(wrong); // said under the name as typed, which stays for fixing
    const validator = toValidator(choice, detail);
    if ("error" in validator) return setError(validator.error);
    setError(null);
    onOperations([{ op: "addField", table: table.name, field: { name: name.trim(), validator, optional } }]);
    setName("");
    setDetail("");
  }

  return (
    <form onSubmit={submit} className="space-y-1.5 border-t border-slate-100 px-4 py-3" aria-label="Add field">
      <h3 className="text-xs font-semibold text-slate-700">Add field</h3>
      <input
        aria-label="New field name"
        required
        placeholder="fieldName"
        value={name}
        aria-invalid={error !== null}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        className={`${input} w-full font-mono`}
      />
      <TypeInputs
        model={model}
        choice={choice}
        detail={detail}
        label="new field"
        onChoice={setChoice}
        onDetail={setDetail}
      />
      <label className="flex items-center gap-1 text-xs text-slate-600">
        <input type="checkbox" checked={optional} onChange={(e) => setOptional(e.target.checked)} /> optional
      </label>
      {error && <p className="text-[11px] text-red-700">{error}</p>}
      <button
        type="submit"
        className="rounded bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700"
      >
        Add field
      </button>
    </form>
  );
}

function TypeInputs({
  model,
  choice,
  detail,
  label,
  onChoice,
  onDetail,
}: {
  model: SchemaModel;
  choice: TypeChoice;
  detail: string;
  label: string;
  onChoice(c: TypeChoice): void;
  onDetail(d: string): void;
}) {
  return (
    <div className="flex gap-1">
      <select
        aria-label={`Type of ${label}`}
        value={choice}
        onChange={(e) => onChoice(e.target.value as TypeChoice)}
        className={`${input} min-w-0 flex-1`}
      >
        {TYPE_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {(choice === "id" || choice === "id[]") && (
        <select
          aria-label={`Referenced table of ${label}`}
          value={detail}
          onChange={(e) => onDetail(e.target.value)}
          className={`${input} min-w-0 flex-1`}
        >
          <option value="">table…</option>
          {model.tables.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {choice === "enum" && (
        <input
          aria-label={`Allowed values of ${label}`}
          placeholder="a, b, c"
          value={detail}
          onChange={(e) => onDetail(e.target.value)}
          className={`${input} min-w-0 flex-1`}
        />
      )}
    </div>
  );
}
