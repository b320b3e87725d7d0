/** The rule registry: the single source for the settings schema, the README rules table and the fixtures. */
import type { Rule } from '../rule';
import authorMissing from './author/missing';
import authorUnknown from './author/unknown';
import bodyControlCharacters from './body/control-characters';
import bodyEmpty from './body/empty';
import bodyEmptyParagraph from './body/empty-paragraph';
import bodyFeedArtefact from './body/feed-artefact';
import bodyScript from './body/script';
import categoriesDuplicate from './categories/duplicate';
import categoriesEmptyItem from './categories/empty-item';
import categoriesSingularKey from './categories/singular-key';
import categoriesString from './categories/string';
import categoriesVocabulary from './categories/vocabulary';
import commentsNotBoolean from './comments/not-boolean';
import configInvalidSetting from './config/invalid-setting';
import configRubyObject from './config/ruby-object';
import configYamlSyntax from './config/yaml-syntax';
import dataYamlSyntax from './data/yaml-syntax';
import dateCompleted from './date/completed';
import dateDayMonthOrder from './date/day-month-order';
import dateFilenameMismatch from './date/filename-mismatch';
import dateFuture from './date/future';
import dateInvalid from './date/invalid';
import dateList from './date/list';
import dateNoTimezone from './date/no-timezone';
import dateRolledOver from './date/rolled-over';
import fileEncoding from './file/encoding';
import fileNotAFile from './file/not-a-file';
import fileTooLarge from './file/too-large';
import fileUnreadable from './file/unreadable';
import filenameEmptySlug from './filename/empty-slug';
import filenameInvalidDate from './filename/invalid-date';
import filenamePattern from './filename/pattern';
import fromDuplicate from './from/duplicate';
import fromHttp from './from/http';
import fromInvalidUrl from './from/invalid-url';
import fromWhitespace from './from/whitespace';
import frontMatterDuplicateKey from './front-matter/duplicate-key';
import frontMatterMissing from './front-matter/missing';
import frontMatterNotAMapping from './front-matter/not-a-mapping';
import frontMatterQuotedLineBreak from './front-matter/quoted-line-break';
import frontMatterRequired from './front-matter/required';
import frontMatterRubyObject from './front-matter/ruby-object';
import frontMatterUnclosed from './front-matter/unclosed';
import frontMatterUnknownKey from './front-matter/unknown-key';
import frontMatterYamlSyntax from './front-matter/yaml-syntax';
import imageAltRepeatsCaption from './image/alt-repeats-caption';
import imageBrokenLocal from './image/broken-local';
import imageBrokenRemote from './image/broken-remote';
import imageEmptyAlt from './image/empty-alt';
import imageEmptyCaption from './image/empty-caption';
import imageEmptySrc from './image/empty-src';
import imageHotlinkBlocked from './image/hotlink-blocked';
import imageInsecure from './image/insecure';
import imageInvalidUrl from './image/invalid-url';
import imageMissingAlt from './image/missing-alt';
import imageMissingCaption from './image/missing-caption';
import imageMissingSrc from './image/missing-src';
import imagePlaceholderAlt from './image/placeholder-alt';
import imageProtocolRelative from './image/protocol-relative';
import imageReferrerPolicy from './image/referrer-policy';
import layoutUnknown from './layout/unknown';
import publishedString from './published/string';
import tagsDuplicate from './tags/duplicate';
import tagsEmptyItem from './tags/empty-item';
import tagsSingularKey from './tags/singular-key';
import tagsString from './tags/string';
import tagsVocabulary from './tags/vocabulary';
import titleEmpty from './title/empty';
import titleEntities from './title/entities';
import titleWhitespace from './title/whitespace';

export const RULES: readonly Rule[] = [
  frontMatterDuplicateKey,
  frontMatterMissing,
  frontMatterNotAMapping,
  frontMatterQuotedLineBreak,
  frontMatterRequired,
  frontMatterRubyObject,
  frontMatterUnclosed,
  frontMatterUnknownKey,
  frontMatterYamlSyntax,
  dateCompleted,
  dateDayMonthOrder,
  dateFilenameMismatch,
  dateFuture,
  dateInvalid,
  dateList,
  dateNoTimezone,
  dateRolledOver,
  filenameEmptySlug,
  filenameInvalidDate,
  filenamePattern,
  authorMissing,
  authorUnknown,
  fromDuplicate,
  fromHttp,
  fromInvalidUrl,
  fromWhitespace,
  tagsDuplicate,
  tagsEmptyItem,
  tagsSingularKey,
  tagsString,
  tagsVocabulary,
  categoriesDuplicate,
  categoriesEmptyItem,
  categoriesSingularKey,
  categoriesString,
  categoriesVocabulary,
  titleEmpty,
  titleEntities,
  titleWhitespace,
  layoutUnknown,
  publishedString,
  commentsNotBoolean,
  imageMissingSrc,
  imageEmptySrc,
  imageInvalidUrl,
  imageBrokenLocal,
  imageInsecure,
  imageProtocolRelative,
  imageMissingAlt,
  imageEmptyAlt,
  imagePlaceholderAlt,
  imageAltRepeatsCaption,
  imageMissingCaption,
  imageEmptyCaption,
  imageReferrerPolicy,
  imageBrokenRemote,
  imageHotlinkBlocked,
  bodyFeedArtefact,
  bodyEmpty,
  bodyEmptyParagraph,
  bodyScript,
  bodyControlCharacters,
  configInvalidSetting,
  configRubyObject,
  configYamlSyntax,
  dataYamlSyntax,
  fileUnreadable,
  fileNotAFile,
  fileTooLarge,
  fileEncoding,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule ids there are, for the settings check of `_config.yml`. */
export const RULE_CATALOG = { has: (id: string) => RULES_BY_ID.has(id), ids: () => [...RULES_BY_ID.keys()] };
